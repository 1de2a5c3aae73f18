package components

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/nexla-tui/nexla-tui/nexla/safetext"
	"github.com/nexla-tui/nexla-tui/theme"
)

// KV is one key/value line of a KVPane. A KV with an empty Key and Value is a
// blank separator; a Key ending in ":" with no Value is a section title.
type KV struct {
	Key   string
	Value string
	Tone  Tone
}

// KVPane renders key/value pairs in two aligned columns (detail and preview
// panes). Values are cleaned with safetext.Clean and truncated to the width.
// Rendering is memoised on (version, size).
type KVPane struct {
	th      *theme.Theme
	pairs   []KV
	version uint64
	w, h    int
	offset  int
	cached  string
	cacheAt struct {
		version    uint64
		w, h, offs int
	}
}

// NewKVPane builds an empty pane.
func NewKVPane(th *theme.Theme) *KVPane { return &KVPane{th: th} }

// SetPairs replaces the content.
func (p *KVPane) SetPairs(pairs []KV) {
	p.pairs = pairs
	p.version++
	p.offset = 0
}

// SetSize sets the pane's size.
func (p *KVPane) SetSize(w, h int) { p.w, p.h = w, h }

// Scroll moves the view by delta lines.
func (p *KVPane) Scroll(delta int) {
	p.offset = max(0, min(p.offset+delta, len(p.pairs)-p.h))
}

// View renders exactly h lines of width w.
func (p *KVPane) View() string {
	c := &p.cacheAt
	if p.cached != "" && c.version == p.version && c.w == p.w && c.h == p.h && c.offs == p.offset {
		return p.cached
	}
	p.cached = RenderKV(p.th, p.pairs[min(p.offset, len(p.pairs)):], p.w, p.h)
	c.version, c.w, c.h, c.offs = p.version, p.w, p.h, p.offset
	return p.cached
}

// RenderKV renders pairs into exactly h lines of width w.
func RenderKV(th *theme.Theme, pairs []KV, w, h int) string {
	if w <= 0 || h <= 0 {
		return ""
	}
	keyW := 0
	for _, kv := range pairs {
		keyW = max(keyW, ansi.StringWidth(kv.Key))
	}
	keyW = min(keyW, max(w/3, 8))
	lines := make([]string, 0, h)
	for _, kv := range pairs {
		if len(lines) == h {
			break
		}
		k, v := safetext.Clean(kv.Key), safetext.Clean(kv.Value)
		switch {
		case k == "" && v == "":
			lines = append(lines, pad("", w))
		case v == "" && strings.HasSuffix(k, ":"):
			lines = append(lines, th.Title.Render(pad(k, w)))
		default:
			val := pad(v, max(w-keyW-1, 0))
			if kv.Tone != ToneNone {
				val = ToneStyle(th, kv.Tone).Render(val)
			}
			lines = append(lines, th.Muted.Render(pad(k, keyW))+" "+val)
		}
	}
	for len(lines) < h {
		lines = append(lines, pad("", w))
	}
	return strings.Join(lines, "\n")
}
