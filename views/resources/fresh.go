package resources

import "time"

// ReadAt is when the table was last read (ui.Fresh): the shell refreshes a
// table that comes back into view older than the refresh interval.
func (s *Screen) ReadAt() time.Time { return s.loadedAt }
