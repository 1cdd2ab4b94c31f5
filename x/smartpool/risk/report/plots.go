package report

import (
	"fmt"
	"image/color"
	"math"
	"path/filepath"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/poold/poold/x/smartpool/risk"
)

// A figure is one PNG per scenario, named <scenario>-<Suffix>.png. The
// list is shared with the HTML page, which shows them in this order.
type figure struct {
	Suffix  string
	Alt     string // the image's alt text
	Caption string
	save    func(path string, res risk.Result) error
}

var figures = []figure{
	{"lp-hodl", "LP / HODL over time", "LP / HODL over time: the median path and the 5–95 % band over all paths; the dashed line is break-even with holding.", saveLPOverHODL},
	{"value", "LP and HODL value over time", "Value of one pool share (LP) and of the start holdings (HODL), each over its start value, in the scenario's outside unit: medians and 5–95 % bands.", saveValues},
	{"weights", "Pool weights over time", "Normalized pool weights per denom: medians and 5–95 % bands.", saveWeights},
	{"prices", "Market prices over time", "Market price of each denom over its start price: the first sample paths as thin lines, medians and 5–95 % bands.", savePrices},
	{"histograms", "Histograms of the end values", "Distribution over all paths of the end values: LP / HODL, impermanent loss, fee income and arbitrage profit.", saveHistograms},
}

func plotFile(name string, f figure) string { return name + "-" + f.Suffix + ".png" }

// writePlots writes every figure of one scenario into dir.
func writePlots(dir, name string, res risk.Result) error {
	for _, f := range figures {
		if err := f.save(filepath.Join(dir, plotFile(name, f)), res); err != nil {
			return err
		}
	}
	return nil
}

func titled(res risk.Result, what string) string {
	return res.Summary.Name + ": " + what
}

// seriesPlot starts a plot over the sample times, saying so in the title
// when there are none rather than showing bare axes unexplained.
func seriesPlot(res risk.Result, what, yLabel string) *plot.Plot {
	title := titled(res, what)
	if _, _, ok := finiteRange(res.Series.TimesDays); !ok {
		title += " (no sample times)"
	}
	return newPlot(title, "days", yLabel)
}

func saveLPOverHODL(path string, res risk.Result) error {
	p := seriesPlot(res, "LP / HODL", "LP / HODL")
	xs := res.Series.TimesDays
	if err := addBands(p, xs, bandSpec{res.Series.LPOverHODL, colorAt(0), "median, 5–95 %"}); err != nil {
		return err
	}
	if lo, hi, ok := finiteRange(xs); ok {
		if err := addHLine(p, lo, hi, 1, "break-even"); err != nil {
			return err
		}
	}
	return savePlot(path, p)
}

func saveValues(path string, res risk.Result) error {
	p := seriesPlot(res, "value over start value", "value / start value")
	xs := res.Series.TimesDays
	if err := addBands(p, xs,
		bandSpec{res.Series.LPValue, colorAt(0), "LP (pool share)"},
		bandSpec{res.Series.HODLValue, colorAt(1), "HODL"},
	); err != nil {
		return err
	}
	return savePlot(path, p)
}

func saveWeights(path string, res risk.Result) error {
	p := seriesPlot(res, "pool weights", "weight")
	var specs []bandSpec
	for d, band := range res.Series.Weights {
		specs = append(specs, bandSpec{band, colorAt(d), denomName(res.Summary, d)})
	}
	if err := addBands(p, res.Series.TimesDays, specs...); err != nil {
		return err
	}
	return savePlot(path, p)
}

func savePrices(path string, res risk.Result) error {
	xs := res.Series.TimesDays
	bands := slices.Clone(res.Series.Prices)
	samples := make([][][]float64, len(bands)) // per denom, per sample path
	var all []float64                          // for choosing the scale
	for d, b := range bands {
		for _, s := range res.Samples {
			ys := relativePrices(s.Prices, d, len(xs))
			samples[d] = append(samples[d], ys)
			all = append(all, ys...)
		}
		all = append(append(append(all, b.P5...), b.P50...), b.P95...)
	}
	yLabel := "price / start price"
	// A log axis shows a crash and a rally alike, but only helps over a
	// wide range, and cannot show zero or negative prices at all. It plots
	// log10 of the prices on a linear axis labelled with the prices:
	// gonum/plot's own log scale misplaces the axis label's padding.
	logScale := false
	if lo, hi, ok := finiteRange(all); ok && lo > 0 && hi/lo >= 10 {
		logScale = true
		yLabel += " (log scale)"
		for d := range bands {
			bands[d] = risk.Band{P5: mapped(bands[d].P5, math.Log10), P50: mapped(bands[d].P50, math.Log10), P95: mapped(bands[d].P95, math.Log10)}
			for i := range samples[d] {
				samples[d][i] = mapped(samples[d][i], math.Log10)
			}
		}
	}

	p := seriesPlot(res, "market prices", yLabel)
	if logScale {
		p.Y.Tick.Marker = log10Ticks{}
	}
	var specs []bandSpec
	for d, band := range bands {
		// The samples first, underneath the bands.
		thin := draw.LineStyle{Color: withAlpha(colorAt(d), 0x70), Width: vg.Points(0.6)}
		for _, ys := range samples[d] {
			if err := addLine(p, xs, ys, thin); err != nil {
				return err
			}
		}
		specs = append(specs, bandSpec{band, colorAt(d), denomName(res.Summary, d)})
	}
	if err := addBands(p, xs, specs...); err != nil {
		return err
	}
	return savePlot(path, p)
}

func mapped(xs []float64, f func(float64) float64) []float64 {
	out := make([]float64, len(xs))
	for i, x := range xs {
		out[i] = f(x)
	}
	return out
}

// relativePrices returns denom d's price at each of n sample times over its
// first finite non-zero price, so samples read like the bands (both start
// at 1) whether the engine stored absolute or relative prices.
func relativePrices(prices [][]float64, d, n int) []float64 {
	ys := make([]float64, n)
	start := math.NaN()
	for t := range n {
		ys[t] = at2(prices, t, d)
		if math.IsNaN(start) && finite(ys[t]) && ys[t] != 0 {
			start = ys[t]
		}
	}
	for t := range ys {
		ys[t] /= start
	}
	return ys
}

func denomName(s risk.ScenarioSummary, d int) string {
	if d < len(s.Denoms) {
		return s.Denoms[d]
	}
	return fmt.Sprintf("denom %d", d)
}

// saveHistograms draws the four end-value histograms as a 2×2 grid under
// one heading, so they share a file and a size.
func saveHistograms(path string, res risk.Result) error {
	f := res.Finals
	hists := [][]*plot.Plot{
		{
			histogram("LP / HODL", "LP / HODL", f.LPOverHODL, colorAt(0)),
			histogram("impermanent loss", "fraction of start value", f.ImpermanentLoss, colorAt(4)),
		},
		{
			histogram("fee income", "fraction of start value", f.FeeIncome, colorAt(2)),
			histogram("arbitrage profit", "fraction of pool start value", f.ArbitrageProfit, colorAt(3)),
		},
	}
	heading := newPlot("", "", "").Title.TextStyle
	heading.Font.Size = vg.Points(13)
	title := titled(res, fmt.Sprintf("end values over %d paths", len(f.LPOverHODL)))
	const headingHeight = 9 * vg.Millimeter
	return savePNG(path, 20*vg.Centimeter, 14*vg.Centimeter, func(dc draw.Canvas) {
		dc.FillText(heading, vg.Point{X: dc.Center().X, Y: dc.Max.Y - 2*vg.Millimeter}, title)
		tiles := draw.Tiles{
			Rows: 2, Cols: 2,
			PadTop: headingHeight, PadBottom: 2 * vg.Millimeter,
			PadLeft: 2 * vg.Millimeter, PadRight: 4 * vg.Millimeter,
			PadX: 8 * vg.Millimeter, PadY: 6 * vg.Millimeter,
		}
		canvases := plot.Align(hists, tiles, dc)
		for r := range hists {
			for c := range hists[r] {
				hists[r][c].Draw(canvases[r][c])
			}
		}
	})
}

// histogram plots the finite values of xs; with none it is an empty plot
// saying so, so the grid keeps its shape.
func histogram(title, xLabel string, xs []float64, c color.NRGBA) *plot.Plot {
	p := newPlot(title, xLabel, "paths")
	var vs plotter.Values
	for _, x := range xs {
		if finite(x) {
			vs = append(vs, x)
		}
	}
	if len(vs) == 0 {
		p.Title.Text += " (no finite values)"
		return p
	}
	var h *plotter.Histogram
	lo, hi, _ := finiteRange(vs)
	if lo == hi {
		// All paths agree: one narrow bar at the value, where gonum/plot
		// would draw a bar from the value to the value + 1.
		half := 0.0005 * math.Max(math.Abs(lo), 1)
		h = &plotter.Histogram{
			Bins:  []plotter.HistogramBin{{Min: lo - half, Max: lo + half, Weight: float64(len(vs))}},
			Width: 2 * half,
		}
		p.Title.Text += " (all equal)"
	} else {
		bins := int(math.Ceil(math.Sqrt(float64(len(vs)))))
		var err error
		h, err = plotter.NewHist(vs, max(5, min(bins, 40)))
		if err != nil { // only on non-finite input, filtered out above
			p.Title.Text += " (" + err.Error() + ")"
			return p
		}
	}
	h.FillColor = withAlpha(c, 0xB0)
	h.LineStyle.Color = c
	h.LineStyle.Width = vg.Points(0.5)
	p.Add(h)
	if lo == hi {
		p.X.Min, p.X.Max = lo-20*h.Width, lo+20*h.Width
	}
	if skipped := len(xs) - len(vs); skipped > 0 {
		p.Title.Text += fmt.Sprintf(" (%d non-finite left out)", skipped)
	}
	return p
}
