package nexla

import (
	"net/http"
	"time"
)

// The server's clock. Run ids, log timestamps and audit times are the
// server's; "how long ago" must be measured against the server's now, or a
// jump host whose clock is an hour behind shows runs "in 34m" and asks for
// log windows that end before the newest runs did. Every answer's Date
// header (RFC 9110 §6.6.1) tells the server's time; the client keeps the
// offset from its own clock.

// minSkew is the smallest offset taken for skew: Date has one-second
// resolution and the answer took time to arrive, so smaller offsets are noise.
const minSkew = 2 * time.Second

// noteServerDate records the offset of the server's clock from the Date
// header of an answer received now. A missing or malformed header changes
// nothing.
func (c *Client) noteServerDate(date string, received time.Time) {
	if date == "" {
		return
	}
	t, err := http.ParseTime(date)
	if err != nil {
		return
	}
	skew := t.Sub(received)
	if skew > -minSkew && skew < minSkew {
		skew = 0
	}
	c.serverSkew.Store(int64(skew))
	c.skewKnown.Store(true)
}

// ClockSkew is how far the server's clock is ahead of this machine's
// (negative: behind), from the latest answer's Date header; known is false
// before any answer carried one. Offsets under two seconds read as zero.
func (c *Client) ClockSkew() (skew time.Duration, known bool) {
	return time.Duration(c.serverSkew.Load()), c.skewKnown.Load()
}

// ServerNow is the server's current time as best known: this machine's
// clock corrected by ClockSkew (this machine's clock before any answer).
func (c *Client) ServerNow() time.Time {
	skew, _ := c.ClockSkew()
	return c.clock.Now().Add(skew)
}
