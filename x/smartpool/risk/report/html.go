package report

import (
	"html/template"
	"io"
	"strconv"

	"github.com/poold/poold/x/smartpool/risk"
)

// report.html is one page with inline CSS and nothing fetched, so it reads
// the same offline, from a CI artifact or an archive; the plots are PNGs
// next to it, referred to by file name.

type htmlPage struct {
	Seed      uint64
	Paths     int
	Figures   []figure
	Scenarios []htmlScenario
}

type htmlScenario struct {
	Name, Anchor, Description string
	Denoms                    []string
	Paths, Steps              int
	StepSeconds, HorizonDays  float64
	Rows                      []htmlRow
	Activity                  []htmlCount
	Images                    []htmlImage
}

type htmlRow struct {
	Label string
	D     risk.Distribution
}

type htmlCount struct {
	Label string
	Mean  float64
}

type htmlImage struct{ Src, Alt, Caption string }

func writeHTML(w io.Writer, run risk.Run, names []string) error {
	page := htmlPage{Seed: run.Seed, Paths: run.Paths, Figures: figures}
	for i, res := range run.Scenarios {
		s := res.Summary
		sc := htmlScenario{
			Name: s.Name, Anchor: names[i], Description: s.Description,
			Denoms: s.Denoms, Paths: s.Paths, Steps: s.Steps,
			StepSeconds: s.StepSeconds, HorizonDays: s.HorizonDays,
			Rows: []htmlRow{
				{"LP / HODL", s.LPOverHODL},
				{"impermanent loss", s.ImpermanentLoss},
				{"fee income", s.FeeIncome},
				{"arbitrage profit", s.ArbitrageProfit},
			},
			Activity: []htmlCount{
				{"arbitrage trades", s.Activity.ArbitrageTrades},
				{"noise trades", s.Activity.NoiseTrades},
				{"joins", s.Activity.Joins},
				{"exits", s.Activity.Exits},
				{"refused operations", s.Activity.Refused},
				{"strategy updates", s.Activity.StrategyUpdates},
			},
		}
		for d, dist := range s.FinalWeights {
			sc.Rows = append(sc.Rows, htmlRow{"final weight " + denomName(s, d), dist})
		}
		for d, dist := range s.FinalPrices {
			sc.Rows = append(sc.Rows, htmlRow{"final price " + denomName(s, d), dist})
		}
		for _, f := range figures {
			sc.Images = append(sc.Images, htmlImage{Src: plotFile(names[i], f), Alt: s.Name + ": " + f.Alt, Caption: f.Caption})
		}
		page.Scenarios = append(page.Scenarios, sc)
	}
	return pageTemplate.Execute(w, page)
}

// num shows 4 significant digits: the figures are Monte Carlo estimates,
// and more digits would suggest a precision they do not have.
func num(x float64) string { return strconv.FormatFloat(x, 'g', 4, 64) }

var pageTemplate = template.Must(template.New("report").Funcs(template.FuncMap{"num": num}).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>poold risk report</title>
<style>
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; margin: 2em auto; max-width: 70em; padding: 0 1em; color: #222; background: #fff; line-height: 1.45; }
h1 { margin-bottom: 0.2em; }
h2 { margin-top: 2.2em; border-bottom: 2px solid #0072b2; padding-bottom: 0.2em; }
.meta { color: #555; }
dl.explain dt { font-weight: bold; margin-top: 0.6em; }
dl.explain dd { margin-left: 1.5em; }
table { border-collapse: collapse; margin: 0.8em 0 1.2em; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.7em; }
th { background: #eef4fa; text-align: left; }
td.n { text-align: right; }
tbody tr:nth-child(even) { background: #f8f8f8; }
figure { margin: 1.2em 0; }
figure img { max-width: 100%; height: auto; border: 1px solid #ddd; }
figcaption { color: #555; font-size: 0.92em; }
nav ul { columns: 2; }
</style>
</head>
<body>
<h1>poold risk report</h1>
<p class="meta">Seed {{.Seed}}, {{.Paths}} paths per scenario. Every figure is a Monte Carlo estimate computed off-chain from the chain's exact integer state; the same seed and paths give the same report.</p>

<h2 id="reading">How to read it</h2>
<dl class="explain">
<dt>LP / HODL</dt>
<dd>The value of one pool share over the value of what it held at the start, both at market prices, at the end of the horizon. 1 means the liquidity provider did as well as holding; below 1, worse.</dd>
<dt>Impermanent loss</dt>
<dd>LP / HODL − 1 with the fee income taken out: what trading against the pool's curve cost the liquidity provider. A fee-less pool with fixed weights traded only by arbitrageurs ends at the closed form Π p<sub>i</sub><sup>w<sub>i</sub></sup> / Σ w<sub>i</sub>·p<sub>i</sub> − 1 ≤ 0; fees compounding in the pool and flows that pay the pool (exit fees, buyers above the market) can lift it above 0.</dd>
<dt>Fee income</dt>
<dd>The liquidity providers' share of swap and join/exit fees, per share, valued at the market prices when earned, over the start value of a share.</dd>
<dt>Arbitrage profit</dt>
<dd>What the arbitrageurs made, after their gas cost, valuing each trade at the market prices of its block, over the pool's start value. It is not the LPs' loss one for one: part of it is value the noise traders and the market's moves left on the table, and LP/HODL already counts what the LPs lost.</dd>
<dt>Final weights and prices</dt>
<dd>The pool's normalized weights at the end, and each denom's market price at the end over its price at the start. All values are in the scenario's outside unit (the unit of market.prices).</dd>
<dt>Columns</dt>
<dd><b>mean</b> over all paths; <b>p5</b>, <b>p50</b>, <b>p95</b>: the 5th, 50th (median) and 95th percentiles over paths; <b>worst</b>: the worst path for the liquidity provider, that is the lowest LP / HODL, impermanent loss or fee income, the highest arbitrage profit, and the lowest weight or price.</dd>
<dt>Activity</dt>
<dd>The mean count per path of what the agents and the pool did. Refused operations are those the pool turned down (circuit breakers, ratio limits, paused swaps); the agent then gave up or traded less.</dd>
</dl>
<p>Figures, per scenario:</p>
<ul>
{{range .Figures}}<li>{{.Caption}}</li>
{{end}}</ul>

<nav><p>Scenarios:</p><ul>
{{range .Scenarios}}<li><a href="#{{.Anchor}}">{{.Name}}</a></li>
{{end}}</ul></nav>

{{range .Scenarios}}
<section id="{{.Anchor}}">
<h2>{{.Name}}</h2>
{{if .Description}}<p>{{.Description}}</p>{{end}}
<p class="meta">Denoms: {{range $i, $d := .Denoms}}{{if $i}}, {{end}}{{$d}}{{end}}.
Horizon {{num .HorizonDays}} days in {{.Steps}} steps of {{num .StepSeconds}} s; {{.Paths}} paths.</p>
<table>
<thead><tr><th>figure</th><th>mean</th><th>p5</th><th>p50</th><th>p95</th><th>worst</th></tr></thead>
<tbody>
{{range .Rows}}<tr><th>{{.Label}}</th><td class="n">{{num .D.Mean}}</td><td class="n">{{num .D.P5}}</td><td class="n">{{num .D.P50}}</td><td class="n">{{num .D.P95}}</td><td class="n">{{num .D.Worst}}</td></tr>
{{end}}</tbody>
</table>
<table>
<thead><tr><th>activity</th><th>mean per path</th></tr></thead>
<tbody>
{{range .Activity}}<tr><th>{{.Label}}</th><td class="n">{{num .Mean}}</td></tr>
{{end}}</tbody>
</table>
{{range .Images}}<figure><img src="{{.Src}}" alt="{{.Alt}}"><figcaption>{{.Caption}}</figcaption></figure>
{{end}}</section>
{{end}}
</body>
</html>
`))
