package report

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestReportInBrowser renders report.html in headless Chromium, as a person
// would open it, and checks the picture is not blank: the page loads, and
// its plots show.
func TestReportInBrowser(t *testing.T) {
	if _, err := findChromium(); errors.Is(err, ErrNoBrowser) {
		if os.Getenv("POOLD_SKIP_BROWSER") == "1" {
			t.Skip(err)
		}
		t.Fatalf("%v: install Debian's chromium (.ci/run does), or set POOLD_SKIP_BROWSER=1", err)
	}
	dir := t.TempDir()
	if err := Write(dir, syntheticRun()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	shot := filepath.Join(t.TempDir(), "shot.png")
	if err := Screenshot(ctx, filepath.Join(dir, HTMLFile), shot); err != nil {
		t.Fatal(err)
	}
	if err := CheckNotBlank(shot); err != nil {
		t.Fatal(err)
	}
}
