package components

// sparkBlocks are the eight heights of a sparkline's block.
const sparkBlocks = "▁▂▃▄▅▆▇█"

// Sparkline draws values (oldest first) as one block per value, scaled to
// the largest; zero and negative values are blank.
func Sparkline(vals []int64) string {
	blocks := []rune(sparkBlocks)
	var top int64
	for _, v := range vals {
		top = max(top, v)
	}
	out := make([]rune, len(vals))
	for i, v := range vals {
		switch {
		case v <= 0:
			out[i] = ' '
		case top == 0:
			out[i] = blocks[0]
		default:
			out[i] = blocks[int(v*int64(len(blocks)-1)/top)]
		}
	}
	return string(out)
}
