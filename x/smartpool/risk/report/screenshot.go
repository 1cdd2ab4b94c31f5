package report

import (
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// ErrNoBrowser is returned by Screenshot when no Chromium is installed, so
// a test can tell "cannot check" from "checked and failed".
var ErrNoBrowser = errors.New("no chromium found (looked for /usr/bin/chromium, chromium, chromium-browser)")

// screenshotTimeout bounds a Screenshot whose context has no deadline:
// a wedged browser must not hang a test run.
const screenshotTimeout = 120 * time.Second

// findChromium returns Debian's chromium, or one on PATH under either of
// its usual names.
func findChromium() (string, error) {
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium", nil
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", ErrNoBrowser
}

// Screenshot renders the page at htmlPath in headless Chromium, 1280×2000
// CSS pixels, and writes the picture to pngOut. It uses a throwaway profile
// and turns off Chromium's background traffic, so it needs no network and
// leaves nothing behind. Without a deadline on ctx it gives up after 120 s.
func Screenshot(ctx context.Context, htmlPath, pngOut string) error {
	bin, err := findChromium()
	if err != nil {
		return err
	}
	page, err := filepath.Abs(htmlPath)
	if err != nil {
		return err
	}
	out, err := filepath.Abs(pngOut)
	if err != nil {
		return err
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, screenshotTimeout)
		defer cancel()
	}
	work, err := os.MkdirTemp("", "poold-chromium-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	profile := filepath.Join(work, "profile")
	// A stale file would pass for a fresh screenshot if Chromium wrote none.
	if err := os.Remove(out); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}

	cmd := exec.CommandContext(ctx, bin,
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
		"--no-first-run", "--disable-background-networking",
		"--disable-component-update", "--disable-sync",
		"--user-data-dir="+profile, "--hide-scrollbars",
		"--window-size=1280,2000", "--screenshot="+out,
		(&url.URL{Scheme: "file", Path: page}).String(),
	)
	// The log goes to a file, not a pipe: Chromium's helper processes
	// inherit it, and a pipe they hold open would keep Wait waiting.
	logPath := filepath.Join(work, "chromium.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		return err
	}
	cmd.Stdout, cmd.Stderr = logFile, logFile
	killGroupOnCancel(cmd)
	runErr := cmd.Run()
	_ = logFile.Close()
	if cmd.Process != nil {
		killGroup(cmd) // helpers left behind by a crashed or finished browser
	}
	logBytes, _ := os.ReadFile(logPath)
	logs := string(logBytes)

	if ctx.Err() != nil {
		return fmt.Errorf("chromium screenshot of %s: %w\n%s", page, ctx.Err(), tail(logs))
	}
	if runErr != nil {
		return fmt.Errorf("chromium screenshot of %s: %w\n%s", page, runErr, tail(logs))
	}
	if st, err := os.Stat(out); err != nil || st.Size() == 0 {
		return fmt.Errorf("chromium wrote no screenshot to %s\n%s", out, tail(logs))
	}
	return nil
}

// tail keeps the end of Chromium's chatty log, where the error usually is.
func tail(s string) string {
	const keep = 4000
	s = strings.TrimSpace(s)
	if len(s) > keep {
		s = "…" + s[len(s)-keep:]
	}
	return s
}

// Thresholds of CheckNotBlank. A page that failed to load is one colour; a
// page whose images failed shows text and table lines, but the plots' bands,
// lines and anti-aliased text bring hundreds of colours.
const (
	minInkFraction    = 0.02
	minDistinctColors = 64
)

// CheckNotBlank reports an error unless the PNG at pngPath looks like a
// rendered report: more than one colour, at least 2 % of the pixels unlike
// the background (taken from the top-left pixel), and at least 64 distinct
// colours.
func CheckNotBlank(pngPath string) error {
	f, err := os.Open(pngPath)
	if err != nil {
		return err
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		return fmt.Errorf("%s: %w", pngPath, err)
	}
	ink, total, colors := inkStats(img)
	if total == 0 {
		return fmt.Errorf("%s: empty image", pngPath)
	}
	switch frac := float64(ink) / float64(total); {
	case colors <= 1:
		return fmt.Errorf("%s: a single colour: blank page", pngPath)
	case frac < minInkFraction:
		return fmt.Errorf("%s: only %.2f%% of pixels differ from the background, want ≥ %.0f%%", pngPath, 100*frac, 100*minInkFraction)
	case colors < minDistinctColors:
		return fmt.Errorf("%s: %d distinct colours, want ≥ %d: were the plots shown?", pngPath, colors, minDistinctColors)
	}
	return nil
}

// inkStats counts the pixels unlike the top-left one, all pixels, and the
// distinct colours.
func inkStats(img image.Image) (ink, total, colors int) {
	b := img.Bounds()
	if b.Empty() {
		return 0, 0, 0
	}
	type rgba struct{ r, g, b, a uint32 }
	at := func(x, y int) rgba {
		r, g, bl, a := img.At(x, y).RGBA()
		return rgba{r, g, bl, a}
	}
	bg := at(b.Min.X, b.Min.Y)
	seen := map[rgba]struct{}{}
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			c := at(x, y)
			seen[c] = struct{}{}
			if c != bg {
				ink++
			}
			total++
		}
	}
	return ink, total, len(seen)
}
