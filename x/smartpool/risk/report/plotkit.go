package report

import (
	"fmt"
	"image/color"
	"math"
	"os"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/poold/poold/x/smartpool/risk"
)

// Drawing primitives shared by the figures. The inputs come from a
// simulation that may have broken on some paths, so every helper skips
// non-finite points instead of handing them to gonum/plot, which refuses
// them.

const (
	plotWidth  = 16 * vg.Centimeter
	plotHeight = 10 * vg.Centimeter
	plotDPI    = 144 // sharp on high-density screens, still small files
)

// palette is colour-blind friendly (Okabe–Ito) and ordered so that the
// first two, used for LP and HODL, contrast most.
var palette = []color.NRGBA{
	{0x00, 0x72, 0xB2, 0xFF}, // blue
	{0xE6, 0x9F, 0x00, 0xFF}, // orange
	{0x00, 0x9E, 0x73, 0xFF}, // green
	{0xCC, 0x79, 0xA7, 0xFF}, // purple
	{0xD5, 0x5E, 0x00, 0xFF}, // vermillion
	{0x56, 0xB4, 0xE9, 0xFF}, // sky blue
	{0x00, 0x00, 0x00, 0xFF}, // black
	{0xF0, 0xE4, 0x42, 0xFF}, // yellow
}

func colorAt(i int) color.NRGBA { return palette[i%len(palette)] }

func withAlpha(c color.NRGBA, a uint8) color.NRGBA {
	c.A = a
	return c
}

func finite(x float64) bool { return !math.IsNaN(x) && !math.IsInf(x, 0) }

// sans is Liberation Sans, embedded in gonum/plot like its default
// (serif) face: plainer and easier to read at small sizes.
var sans = font.Font{Typeface: "Liberation", Variant: "Sans"}

// newPlot returns a plot with title, axis labels and a light grid.
func newPlot(title, xLabel, yLabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = font.From(sans, 12)
	p.Title.Padding = 2 * vg.Millimeter
	p.Legend.TextStyle.Font = font.From(sans, 10)
	p.Legend.Padding = 1.5 * vg.Millimeter
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		ax.Label.TextStyle.Font = font.From(sans, 11)
		ax.Tick.Label.Font = font.From(sans, 9)
		ax.Tick.Marker = exactTicks{}
	}
	p.X.Label.Text = xLabel
	p.Y.Label.Text = yLabel
	p.Add(plotter.NewGrid())
	return p
}

// exactTicks are gonum's default ticks with labels that have enough
// decimals to tell the ticks apart: the default rounds 1.02 to "1".
type exactTicks struct{}

func (exactTicks) Ticks(lo, hi float64) []plot.Tick {
	ticks := plot.DefaultTicks{}.Ticks(lo, hi)
	var major []float64
	for _, t := range ticks {
		if t.Label != "" {
			major = append(major, t.Value)
		}
	}
	step := hi - lo
	if len(major) > 1 {
		step = math.Abs(major[1] - major[0])
	}
	decimals := -1 // none is enough: fall back to %g
	for d := 0; d <= 8; d++ {
		exact := true
		for _, v := range major {
			if math.Abs(roundTo(v, d)-v) > step*1e-6 {
				exact = false
				break
			}
		}
		if exact {
			decimals = d
			break
		}
	}
	for i, t := range ticks {
		if t.Label == "" {
			continue
		}
		if decimals >= 0 && math.Abs(t.Value) < 1e9 {
			ticks[i].Label = strconv.FormatFloat(roundTo(t.Value, decimals), 'f', decimals, 64)
		} else {
			ticks[i].Label = strconv.FormatFloat(t.Value, 'g', 6, 64)
		}
	}
	return ticks
}

// log10Ticks label an axis showing log10 of the data with the data's
// values: major ticks at powers of ten, minor ones at their multiples.
type log10Ticks struct{}

func (log10Ticks) Ticks(lo, hi float64) []plot.Tick {
	var ticks []plot.Tick
	// Over many decades, label only some and leave out the minor ticks.
	step := math.Max(1, math.Ceil((hi-lo)/8))
	for k := math.Floor(lo); k <= math.Ceil(hi); k += step {
		if k >= lo && k <= hi {
			ticks = append(ticks, plot.Tick{Value: k, Label: strconv.FormatFloat(math.Pow(10, k), 'g', -1, 64)})
		}
		for m := 2; step == 1 && m <= 9; m++ {
			if v := k + math.Log10(float64(m)); v >= lo && v <= hi {
				t := plot.Tick{Value: v}
				if hi-lo < 2 && (m == 2 || m == 5) { // a narrow range: label 2 and 5 too
					t.Label = strconv.FormatFloat(float64(m)*math.Pow(10, k), 'g', -1, 64)
				}
				ticks = append(ticks, t)
			}
		}
	}
	return ticks
}

func roundTo(v float64, decimals int) float64 {
	p := math.Pow10(decimals)
	return math.Round(v*p) / p
}

// runs splits 0..n-1 into maximal runs of indices where ok holds, so a NaN
// leaves a gap in a line or band instead of dropping all of it.
func runs(n int, ok func(i int) bool) [][]int {
	var out [][]int
	var cur []int
	for i := range n {
		if ok(i) {
			cur = append(cur, i)
			continue
		}
		if len(cur) > 0 {
			out = append(out, cur)
			cur = nil
		}
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// segments returns the finite runs of the points (xs[i], ys[i]).
func segments(xs, ys []float64) []plotter.XYs {
	var out []plotter.XYs
	for _, run := range runs(min(len(xs), len(ys)), func(i int) bool {
		return finite(xs[i]) && finite(ys[i])
	}) {
		seg := make(plotter.XYs, len(run))
		for k, i := range run {
			seg[k] = plotter.XY{X: xs[i], Y: ys[i]}
		}
		out = append(out, seg)
	}
	return out
}

// addLine draws ys over xs; a run of a single point is drawn as a dot, as
// with a single sample time, so that it is still visible.
func addLine(p *plot.Plot, xs, ys []float64, style draw.LineStyle) error {
	for _, seg := range segments(xs, ys) {
		if len(seg) == 1 {
			s, err := plotter.NewScatter(seg)
			if err != nil {
				return err
			}
			s.GlyphStyle.Color = style.Color
			s.GlyphStyle.Shape = draw.CircleGlyph{}
			s.GlyphStyle.Radius = vg.Points(2.5)
			p.Add(s)
			continue
		}
		l, err := plotter.NewLine(seg)
		if err != nil {
			return err
		}
		l.LineStyle = style
		p.Add(l)
	}
	return nil
}

// A bandSpec is a percentile band to draw in a colour, named in the
// legend by label when that is set.
type bandSpec struct {
	band  risk.Band
	color color.NRGBA
	label string
}

// addBands shades each band between P5 and P95 and draws its P50 line.
// All shading goes first, so that no band hides another's median.
func addBands(p *plot.Plot, xs []float64, specs ...bandSpec) error {
	for _, s := range specs {
		if err := addBandFill(p, xs, s.band, withAlpha(s.color, 0x48)); err != nil {
			return err
		}
	}
	for _, s := range specs {
		median := draw.LineStyle{Color: s.color, Width: vg.Points(1.8)}
		if err := addLine(p, xs, s.band.P50, median); err != nil {
			return err
		}
		if s.label != "" {
			p.Legend.Add(shortLabel(s.label), &plotter.Polygon{Color: withAlpha(s.color, 0x48)}, &plotter.Line{LineStyle: median})
		}
	}
	return nil
}

func addBandFill(p *plot.Plot, xs []float64, b risk.Band, fill color.NRGBA) error {
	n := min(len(xs), len(b.P5), len(b.P95))
	for _, run := range runs(n, func(i int) bool {
		return finite(xs[i]) && finite(b.P5[i]) && finite(b.P95[i])
	}) {
		// Along the top edge, then back along the bottom one.
		ring := make(plotter.XYs, 0, 2*len(run))
		for _, i := range run {
			ring = append(ring, plotter.XY{X: xs[i], Y: b.P95[i]})
		}
		for k := len(run) - 1; k >= 0; k-- {
			ring = append(ring, plotter.XY{X: xs[run[k]], Y: b.P5[run[k]]})
		}
		if len(run) == 1 {
			// One sample time: a vertical bar instead of an area.
			l, err := plotter.NewLine(ring)
			if err != nil {
				return err
			}
			l.LineStyle = draw.LineStyle{Color: fill, Width: vg.Points(6)}
			p.Add(l)
			continue
		}
		poly, err := plotter.NewPolygon(ring)
		if err != nil {
			return err
		}
		poly.Color = fill
		poly.LineStyle.Width = 0
		p.Add(poly)
	}
	return nil
}

// shortLabel keeps legend entries short enough to leave room for the
// plot: IBC denoms are 68 characters long.
func shortLabel(s string) string {
	r := []rune(s)
	if len(r) <= 24 {
		return s
	}
	return string(r[:12]) + "…" + string(r[len(r)-8:])
}

// addHLine draws a dashed horizontal reference line at y over [x0, x1].
func addHLine(p *plot.Plot, x0, x1, y float64, label string) error {
	if !finite(x0) || !finite(x1) {
		return nil
	}
	l, err := plotter.NewLine(plotter.XYs{{X: x0, Y: y}, {X: x1, Y: y}})
	if err != nil {
		return err
	}
	l.LineStyle = draw.LineStyle{
		Color:  color.NRGBA{0x55, 0x55, 0x55, 0xFF},
		Width:  vg.Points(1),
		Dashes: []vg.Length{vg.Points(5), vg.Points(3)},
	}
	p.Add(l)
	if label != "" {
		p.Legend.Add(label, l)
	}
	return nil
}

// finiteRange returns the smallest and largest finite values of xs, and
// false when there is none.
func finiteRange(xs []float64) (lo, hi float64, ok bool) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, x := range xs {
		if finite(x) {
			lo, hi = math.Min(lo, x), math.Max(hi, x)
		}
	}
	return lo, hi, lo <= hi
}

// figureMargin keeps text off the image's edge, where gonum/plot would
// otherwise put the title.
const figureMargin = 2 * vg.Millimeter

// savePNG draws onto a w×h PNG at path. gonum/plot panics on some inputs
// it deems invalid; that becomes an error naming the file, so one odd
// figure fails the report with a reason instead of killing the process.
func savePNG(path string, w, h vg.Length, drawFn func(draw.Canvas)) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("drawing %s: %v", path, r)
		}
	}()
	c := vgimg.NewWith(vgimg.UseWH(w, h), vgimg.UseDPI(plotDPI))
	dc := draw.New(c)
	drawFn(draw.Crop(dc, figureMargin, -figureMargin, figureMargin, -figureMargin))
	return writeFile(path, func(f *os.File) error {
		_, err := vgimg.PngCanvas{Canvas: c}.WriteTo(f)
		return err
	})
}

// savePlot saves a single plot at the standard size, its legend to the
// right of the axes: inside, it would hide the bands it names.
func savePlot(path string, p *plot.Plot) error {
	legend := p.Legend
	p.Legend = plot.NewLegend() // no entries: Plot.Draw draws none
	return savePNG(path, plotWidth, plotHeight, func(dc draw.Canvas) {
		legend.Top, legend.Left = true, true
		width := legend.Rectangle(dc).Size().X
		if width == 0 {
			p.Draw(dc)
			return
		}
		const gap = 3 * vg.Millimeter
		plotArea := dc
		plotArea.Max.X -= width + gap
		p.Draw(plotArea)
		legendArea := dc
		legendArea.Min.X = plotArea.Max.X + gap
		// Level with the top of the axes, below the title.
		legendArea.Max.Y = p.DataCanvas(plotArea).Max.Y
		legend.Draw(legendArea)
	})
}
