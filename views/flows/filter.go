package flows

// setQuery applies the filter; switching between filtered and unfiltered
// changes which tree is flattened (folds are ignored while filtering).
func (s *Screen) setQuery(q string) {
	was := s.table.Query() != ""
	s.table.SetFilter(q)
	if now := s.table.Query() != ""; now != was {
		s.rebuildRows()
	}
}
