package components

import "testing"

func TestSparklineScalesToTheLargestValue(t *testing.T) {
	if got := Sparkline([]int64{0, 1, 4, 8, -3}); got != " ▁▄█ " {
		t.Fatalf("sparkline %q", got)
	}
	if Sparkline(nil) != "" {
		t.Fatal("no values, no blocks")
	}
}
