// Package report turns a risk.Run into files a person or a script can read:
// summary.json and paths.csv for scripts, PNG plots and report.html for
// people. Everything is written offline: the plots use gonum/plot's embedded
// fonts and the HTML page loads nothing from the network.
package report

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/poold/poold/x/smartpool/risk"
)

// File names written into the report directory besides the plots.
const (
	SummaryFile = "summary.json"
	PathsFile   = "paths.csv"
	HTMLFile    = "report.html"
)

// Write writes summary.json, paths.csv, the plots of every scenario and
// report.html into dir, creating it if needed.
func Write(dir string, run risk.Run) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}

	summary, err := SummaryJSON(run)
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, SummaryFile), summary, 0o644); err != nil {
		return err
	}

	if err := writeFile(filepath.Join(dir, PathsFile), func(f *os.File) error {
		return writePathsCSV(f, run)
	}); err != nil {
		return err
	}

	names := FileNames(run)
	for i, res := range run.Scenarios {
		if err := writePlots(dir, names[i], res); err != nil {
			return fmt.Errorf("scenario %q: %w", res.Summary.Name, err)
		}
	}

	return writeFile(filepath.Join(dir, HTMLFile), func(f *os.File) error {
		return writeHTML(f, run, names)
	})
}

// writeFile creates path and hands it to fill, reporting the first error of
// fill or of closing (a failed close can mean a short write).
func writeFile(path string, fill func(*os.File) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := fill(f); err != nil {
		_ = f.Close()
		return err
	}
	return f.Close()
}

// FileNames returns, per scenario of run, the prefix of its plot files: the
// name lower-cased with everything outside [a-z0-9-] turned into '-', so it
// is safe in a path and a URL. Empty or repeated prefixes get the
// scenario's position appended, so no two scenarios overwrite each other.
func FileNames(run risk.Run) []string {
	names := make([]string, len(run.Scenarios))
	used := map[string]bool{}
	for i, res := range run.Scenarios {
		name := sanitizeName(res.Summary.Name)
		if name == "" {
			name = "scenario"
		}
		if used[name] {
			base := name
			for n := i + 1; used[name]; n++ {
				name = base + "-" + strconv.Itoa(n)
			}
		}
		used[name] = true
		names[i] = name
	}
	return names
}

func sanitizeName(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimRight(b.String(), "-")
}
