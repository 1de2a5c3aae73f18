package detail

import "time"

// ReadAt is when the resource was last read (ui.Fresh): the shell refreshes
// a detail that comes back into view older than the refresh interval.
func (s *Screen) ReadAt() time.Time { return s.readAt }
