package report

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"image/png"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/poold/poold/x/smartpool/risk"
)

// syntheticRun builds a run shaped like the engine's: two scenarios with 2
// and 3 denoms, random-walk prices, bands and summaries computed from the
// paths, and a few NaNs where a broken path would leave them.
func syntheticRun() risk.Run {
	rng := rand.New(rand.NewPCG(7, 11))
	run := risk.Run{Seed: 42, Paths: 50}
	run.Scenarios = append(run.Scenarios,
		syntheticScenario(rng, "calm", "Low volatility, two assets.", []string{"uusdc", "uatom"}, 0.02, run.Paths),
		syntheticScenario(rng, "Volatile crash!", "A 60 % crash of the third asset.", []string{"uusdc", "uatom", "uosmo"}, 0.08, run.Paths),
	)
	return run
}

func syntheticScenario(rng *rand.Rand, name, desc string, denoms []string, vol float64, paths int) risk.Result {
	const times = 20
	nd := len(denoms)
	res := risk.Result{}
	res.Series.TimesDays = make([]float64, times)
	for t := range times {
		res.Series.TimesDays[t] = 30 * float64(t) / (times - 1)
	}
	// Per path, per time: prices, weights, LP and HODL values.
	prices := make([][][]float64, paths)
	weights := make([][][]float64, paths)
	lp := make([][]float64, paths)
	hodl := make([][]float64, paths)
	for p := range paths {
		prices[p] = make([][]float64, times)
		weights[p] = make([][]float64, times)
		lp[p] = make([]float64, times)
		hodl[p] = make([]float64, times)
		logp := make([]float64, nd)
		for t := range times {
			prices[p][t] = make([]float64, nd)
			weights[p][t] = make([]float64, nd)
			var wsum, geo, arith float64
			geo = 1
			for d := range nd {
				if d > 0 && t > 0 {
					logp[d] += vol * rng.NormFloat64()
				}
				prices[p][t][d] = math.Exp(logp[d])
				w := (1 + float64(d)) * prices[p][t][d]
				weights[p][t][d] = w
				wsum += w
				geo *= math.Pow(prices[p][t][d], 1/float64(nd))
				arith += prices[p][t][d] / float64(nd)
			}
			for d := range nd {
				weights[p][t][d] /= wsum
			}
			fees := 0.0005 * float64(t)
			hodl[p][t] = arith
			lp[p][t] = geo + fees
		}
	}
	// A broken path: NaN from some time on.
	for t := 15; t < times; t++ {
		lp[3][t] = math.NaN()
	}

	band := func(get func(p, t int) float64) risk.Band {
		var b risk.Band
		for t := range times {
			xs := make([]float64, 0, paths)
			for p := range paths {
				if x := get(p, t); !math.IsNaN(x) {
					xs = append(xs, x)
				}
			}
			b.P5 = append(b.P5, quantile(xs, 0.05))
			b.P50 = append(b.P50, quantile(xs, 0.5))
			b.P95 = append(b.P95, quantile(xs, 0.95))
		}
		return b
	}
	res.Series.LPOverHODL = band(func(p, t int) float64 { return lp[p][t] / hodl[p][t] })
	res.Series.LPValue = band(func(p, t int) float64 { return lp[p][t] })
	res.Series.HODLValue = band(func(p, t int) float64 { return hodl[p][t] })
	for d := range nd {
		res.Series.Weights = append(res.Series.Weights, band(func(p, t int) float64 { return weights[p][t][d] }))
		res.Series.Prices = append(res.Series.Prices, band(func(p, t int) float64 { return prices[p][t][d] }))
	}
	// A gap in a band, as when every path broke at one time.
	res.Series.LPOverHODL.P5[10] = math.NaN()

	for p := range 8 {
		res.Samples = append(res.Samples, risk.PathSample{
			Path: p, Prices: prices[p], Weights: weights[p], LPValue: lp[p], HODLValue: hodl[p],
		})
	}
	last := times - 1
	for p := range paths {
		r := lp[p][last] / hodl[p][last]
		fee := 0.0005 * float64(last) / hodl[p][last]
		res.Finals.LPOverHODL = append(res.Finals.LPOverHODL, r)
		res.Finals.ImpermanentLoss = append(res.Finals.ImpermanentLoss, r-1-fee)
		res.Finals.FeeIncome = append(res.Finals.FeeIncome, fee)
		res.Finals.ArbitrageProfit = append(res.Finals.ArbitrageProfit, 0.001*rng.ExpFloat64())
	}
	dist := func(xs []float64, worstLow bool) risk.Distribution {
		var fin []float64
		sum := 0.0
		for _, x := range xs {
			if !math.IsNaN(x) {
				fin = append(fin, x)
				sum += x
			}
		}
		d := risk.Distribution{
			Mean: sum / float64(len(fin)),
			P5:   quantile(fin, 0.05), P50: quantile(fin, 0.5), P95: quantile(fin, 0.95),
			Min: slices.Min(fin), Max: slices.Max(fin),
		}
		d.Worst = d.Min
		if !worstLow {
			d.Worst = d.Max
		}
		return d
	}
	s := risk.ScenarioSummary{
		Name: name, Description: desc, Denoms: denoms,
		Paths: paths, Steps: 720, StepSeconds: 3600, HorizonDays: 30,
		LPOverHODL:      dist(res.Finals.LPOverHODL, true),
		ImpermanentLoss: dist(res.Finals.ImpermanentLoss, true),
		FeeIncome:       dist(res.Finals.FeeIncome, true),
		ArbitrageProfit: dist(res.Finals.ArbitrageProfit, false),
		Activity: risk.Activity{
			ArbitrageTrades: 123.4, NoiseTrades: 456.7, Joins: 3, Exits: 2.5, Refused: 0.25, StrategyUpdates: 30,
		},
	}
	for d := range nd {
		var w, pr []float64
		for p := range paths {
			w = append(w, weights[p][last][d])
			pr = append(pr, prices[p][last][d])
		}
		s.FinalWeights = append(s.FinalWeights, dist(w, true))
		s.FinalPrices = append(s.FinalPrices, dist(pr, true))
	}
	// A figure the engine could not estimate: must come out as null.
	s.ArbitrageProfit.Mean = math.NaN()
	s.FeeIncome.Max = math.Inf(1)
	res.Summary = s
	return res
}

func quantile(xs []float64, q float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	return s[int(math.Round(q*float64(len(s)-1)))]
}

func TestWrite(t *testing.T) {
	run := syntheticRun()
	dir := filepath.Join(t.TempDir(), "out") // Write must create it
	if err := Write(dir, run); err != nil {
		t.Fatal(err)
	}

	names := FileNames(run)
	if want := []string{"calm", "volatile-crash"}; !slices.Equal(names, want) {
		t.Fatalf("file names %q, want %q", names, want)
	}
	for _, f := range []string{SummaryFile, PathsFile, HTMLFile} {
		checkNonEmpty(t, filepath.Join(dir, f))
	}
	for _, name := range names {
		for _, f := range figures {
			checkPNG(t, filepath.Join(dir, plotFile(name, f)))
		}
	}

	// summary.json
	written, err := os.ReadFile(filepath.Join(dir, SummaryFile))
	if err != nil {
		t.Fatal(err)
	}
	again, err := SummaryJSON(run)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(written, again) {
		t.Fatal("summary.json differs from SummaryJSON of the same run")
	}
	var doc struct {
		Schema    string           `json:"schema"`
		Seed      uint64           `json:"seed"`
		Paths     int              `json:"paths"`
		Scenarios []map[string]any `json:"scenarios"`
	}
	if err := json.Unmarshal(written, &doc); err != nil {
		t.Fatalf("summary.json does not parse: %v", err)
	}
	if doc.Schema != SummarySchema || doc.Seed != 42 || doc.Paths != 50 || len(doc.Scenarios) != 2 {
		t.Fatalf("summary.json header: %+v", doc)
	}
	arb := doc.Scenarios[1]["arbitrage_profit"].(map[string]any)
	if v, ok := arb["mean"]; !ok || v != nil {
		t.Errorf("NaN mean written as %v, want null", v)
	}
	if v := doc.Scenarios[1]["fee_income"].(map[string]any)["max"]; v != nil {
		t.Errorf("+Inf max written as %v, want null", v)
	}
	if !bytes.HasSuffix(written, []byte("}\n")) || !bytes.HasPrefix(written, []byte("{\n  \"schema\": ")) {
		t.Errorf("summary.json is not indented by two spaces with a final newline:\n%.200s", written)
	}

	// paths.csv
	f, err := os.Open(filepath.Join(dir, PathsFile))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rows[0], pathsHeader) || strings.Join(rows[0], ",") != "scenario,path,time_days,lp_value,hodl_value,lp_over_hodl,denom,price,weight" {
		t.Errorf("paths.csv header %q", rows[0])
	}
	wantRows := 0
	for _, res := range run.Scenarios {
		wantRows += len(res.Samples) * len(res.Series.TimesDays) * len(res.Summary.Denoms)
	}
	if got := len(rows) - 1; got != wantRows {
		t.Errorf("paths.csv has %d rows, want %d", got, wantRows)
	}
	if got := rows[1]; got[0] != "calm" || got[1] != "0" || got[2] != "0" || got[6] != "uusdc" || got[7] != "1" {
		t.Errorf("first row %q", got)
	}

	// report.html
	page, err := os.ReadFile(filepath.Join(dir, HTMLFile))
	if err != nil {
		t.Fatal(err)
	}
	for _, res := range run.Scenarios {
		if !bytes.Contains(page, []byte(res.Summary.Name)) {
			t.Errorf("report.html lacks scenario %q", res.Summary.Name)
		}
	}
	for _, want := range []string{"poold risk report", "final weight uosmo", "final price uatom", "strategy updates", "Seed 42"} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("report.html lacks %q", want)
		}
	}
	srcs := regexp.MustCompile(`<img src="([^"]+)"`).FindAllSubmatch(page, -1)
	if len(srcs) != len(run.Scenarios)*len(figures) {
		t.Errorf("report.html has %d images, want %d", len(srcs), len(run.Scenarios)*len(figures))
	}
	for _, m := range srcs {
		src := string(m[1])
		if strings.ContainsAny(src, "/:") {
			t.Errorf("image %q is not a relative file name", src)
		}
		checkNonEmpty(t, filepath.Join(dir, src))
	}
	if bytes.Contains(page, []byte("http://")) || bytes.Contains(page, []byte("https://")) {
		t.Error("report.html refers to the network")
	}
}

func checkNonEmpty(t *testing.T, path string) {
	t.Helper()
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Size() == 0 {
		t.Fatalf("%s is empty", path)
	}
}

func checkPNG(t *testing.T, path string) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if b := img.Bounds(); b.Dx() <= 100 || b.Dy() <= 100 {
		t.Errorf("%s is %v, want more than 100×100", path, b)
	}
	if _, _, colors := inkStats(img); colors < 2 {
		t.Errorf("%s is a single colour", path)
	}
}

func TestSummaryJSONDeterministic(t *testing.T) {
	a, err := SummaryJSON(syntheticRun())
	if err != nil {
		t.Fatal(err)
	}
	b, err := SummaryJSON(syntheticRun())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Fatal("SummaryJSON differs between two calls on equal runs")
	}
}

// With only finite figures, SummaryJSON must give exactly what
// encoding/json gives: same field order, names and number formatting.
func TestSummaryJSONMatchesEncodingJSON(t *testing.T) {
	run := syntheticRun()
	for i := range run.Scenarios {
		s := &run.Scenarios[i].Summary
		s.ArbitrageProfit.Mean = 0.00123
		s.FeeIncome.Max = 1e-9
	}
	got, err := SummaryJSON(run)
	if err != nil {
		t.Fatal(err)
	}
	doc := summaryDoc{Schema: SummarySchema, Seed: run.Seed, Paths: run.Paths}
	for _, res := range run.Scenarios {
		doc.Scenarios = append(doc.Scenarios, res.Summary)
	}
	want, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if want = append(want, '\n'); !bytes.Equal(got, want) {
		t.Fatalf("SummaryJSON differs from encoding/json:\n%s\nwant:\n%s", got, want)
	}
}

// Degenerate inputs must give a report, not a panic or an error.
func TestWriteDegenerate(t *testing.T) {
	nan := math.NaN()
	flat := risk.Band{P5: []float64{1, 1, 1}, P50: []float64{1, 1, 1}, P95: []float64{1, 1, 1}}
	run := risk.Run{Seed: 1, Paths: 3, Scenarios: []risk.Result{
		{ // all values equal
			Summary: risk.ScenarioSummary{Name: "flat", Denoms: []string{"a", "b"}},
			Series: risk.Series{
				TimesDays: []float64{0, 1, 2}, LPOverHODL: flat, LPValue: flat, HODLValue: flat,
				Weights: []risk.Band{flat, flat}, Prices: []risk.Band{flat, flat},
			},
			Samples: []risk.PathSample{{Path: 0, Prices: [][]float64{{1, 1}, {1, 1}, {1, 1}}, LPValue: []float64{1, 1, 1}, HODLValue: []float64{1, 1, 1}}},
			Finals:  risk.Finals{LPOverHODL: []float64{1, 1, 1}, ImpermanentLoss: []float64{0, 0, 0}, FeeIncome: []float64{0, 0, 0}, ArbitrageProfit: []float64{0, 0, 0}},
		},
		{ // one sample time, no samples, NaN everywhere
			Summary: risk.ScenarioSummary{Name: "flat", Denoms: []string{"a"}, LPOverHODL: risk.Distribution{Mean: nan}},
			Series: risk.Series{
				TimesDays:  []float64{0},
				LPOverHODL: risk.Band{P5: []float64{nan}, P50: []float64{1}, P95: []float64{nan}},
				LPValue:    risk.Band{P5: []float64{0.9}, P50: []float64{1}, P95: []float64{1.1}},
				Prices:     []risk.Band{{P5: []float64{-1}, P50: []float64{0}, P95: []float64{1e9}}},
			},
			Finals: risk.Finals{LPOverHODL: []float64{nan, math.Inf(1)}},
		},
		{ // nothing at all, and a name with nothing left after sanitizing
			Summary: risk.ScenarioSummary{Name: "***"},
			Samples: []risk.PathSample{{Path: 9}},
		},
		{ // prices over a wide positive range: log axis
			Summary: risk.ScenarioSummary{Name: "moon", Denoms: []string{"a", "b"}},
			Series: risk.Series{
				TimesDays: []float64{0, 1},
				Prices:    []risk.Band{{P5: []float64{1, 1}, P50: []float64{1, 1}, P95: []float64{1, 1}}, {P5: []float64{1, 0.5}, P50: []float64{1, 20}, P95: []float64{1, 300}}},
			},
			Samples: []risk.PathSample{{Path: 0, Prices: [][]float64{{1, 5}, {1, 500}}}},
		},
	}}
	dir := t.TempDir()
	if err := Write(dir, run); err != nil {
		t.Fatal(err)
	}
	if names := FileNames(run); !slices.Equal(names, []string{"flat", "flat-2", "scenario", "moon"}) {
		t.Errorf("file names %q", names)
	}
	for _, name := range FileNames(run) {
		for _, f := range figures {
			checkPNG(t, filepath.Join(dir, plotFile(name, f)))
		}
	}
	if err := Write(t.TempDir(), risk.Run{}); err != nil {
		t.Fatalf("empty run: %v", err)
	}
	if b, err := SummaryJSON(risk.Run{}); err != nil || !bytes.Contains(b, []byte(`"scenarios": []`)) {
		t.Errorf("empty run summary %s, %v", b, err)
	}
}

func TestSanitizeName(t *testing.T) {
	for in, want := range map[string]string{
		"calm":            "calm",
		"Volatile crash!": "volatile-crash",
		"  a__b--c  ":     "a-b-c",
		"ÜBER 2x":         "ber-2x",
		"":                "",
	} {
		if got := sanitizeName(in); got != want {
			t.Errorf("sanitizeName(%q) = %q, want %q", in, got, want)
		}
	}
}
