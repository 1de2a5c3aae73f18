package config

// nearest is the known key closest to word by edit distance, or "" when none
// is close enough to be a plausible typo (at most a third of the word's
// letters, and at least one, changed): `readonly` -> `read_only`.
func nearest(word string, known []string) string {
	best, bestD := "", max(1, len(word)/3)+1
	for _, k := range known {
		if d := editDistance(word, k, bestD); d < bestD {
			best, bestD = k, d
		}
	}
	return best
}

// editDistance is the number of insertions, deletions, substitutions and
// swaps of two neighbours (the typos people make: `ulr`) that turn a into b,
// or limit when it is at least limit. Config keys are short: three rows of
// ints suffice.
func editDistance(a, b string, limit int) int {
	if d := len(a) - len(b); d >= limit || -d >= limit {
		return limit
	}
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[len(b)], limit)
}
