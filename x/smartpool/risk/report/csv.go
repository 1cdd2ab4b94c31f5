package report

import (
	"encoding/csv"
	"io"
	"math"
	"strconv"

	"github.com/poold/poold/x/smartpool/risk"
)

// pathsHeader is the header of paths.csv. Scenarios may have different
// denoms, so the file is long rather than wide: one row per scenario,
// sample path, sample time and denom, the path's values repeated per denom.
var pathsHeader = []string{
	"scenario", "path", "time_days",
	"lp_value", "hodl_value", "lp_over_hodl",
	"denom", "price", "weight",
}

// writePathsCSV writes the sample paths of every scenario. Missing or
// non-finite values are written as strconv writes them (NaN, +Inf), which
// common CSV readers understand, rather than dropping the row.
func writePathsCSV(w io.Writer, run risk.Run) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(pathsHeader); err != nil {
		return err
	}
	for _, res := range run.Scenarios {
		s := res.Summary
		for _, p := range res.Samples {
			for t, day := range res.Series.TimesDays {
				lp, hodl := at(p.LPValue, t), at(p.HODLValue, t)
				for d := range s.Denoms {
					row := []string{
						s.Name, strconv.Itoa(p.Path), formatFloat(day),
						formatFloat(lp), formatFloat(hodl), formatFloat(lp / hodl),
						s.Denoms[d], formatFloat(at2(p.Prices, t, d)), formatFloat(at2(p.Weights, t, d)),
					}
					if err := cw.Write(row); err != nil {
						return err
					}
				}
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

func formatFloat(x float64) string { return strconv.FormatFloat(x, 'g', 10, 64) }

// at returns xs[i], or NaN when a series is shorter than the sample times:
// a malformed input shows up as NaN in the output instead of a panic.
func at(xs []float64, i int) float64 {
	if i < 0 || i >= len(xs) {
		return math.NaN()
	}
	return xs[i]
}

func at2(xs [][]float64, i, j int) float64 {
	if i < 0 || i >= len(xs) {
		return math.NaN()
	}
	return at(xs[i], j)
}
