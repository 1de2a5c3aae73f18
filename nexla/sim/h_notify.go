package sim

import (
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

var notificationLevels = []string{"DEBUG", "INFO", "WARN", "ERROR", "RECOVERED", "RESOLVED"}

// notificationFilter reads read/level/resource/from/to; ok=false means 400
// written. The caller sees the notifications addressed to them; with both
// resource_type and resource_id, that resource's notifications whoever they
// are addressed to, when the caller may see the resource.
func (s *Sim) notificationFilter(w http.ResponseWriter, r *http.Request) (func(*notification) bool, bool) {
	q := r.URL.Query()
	read, hasRead, err := truthy(q, "read")
	if err != nil {
		badParam(w, "%v", err)
		return nil, false
	}
	level := strings.ToUpper(q.Get("level"))
	if level != "" && !slices.Contains(notificationLevels, level) {
		badParam(w, "Invalid level '%s': use DEBUG, INFO, WARN, ERROR, RECOVERED or RESOLVED", q.Get("level"))
		return nil, false
	}
	resType := strings.ToUpper(q.Get("resource_type"))
	resID, _, err := intParam(q, "resource_id", 1)
	if err != nil {
		badParam(w, "%v", err)
		return nil, false
	}
	var bounds [2]int64
	for i, name := range []string{"from", "to"} {
		raw := strings.TrimSpace(q.Get(name))
		if raw == "" {
			continue
		}
		n, err := strconv.ParseInt(raw, 10, 64)
		if err != nil {
			badParam(w, "Invalid '%s' date format", name)
			return nil, false
		}
		if n >= 1e11 {
			n /= 1000
		}
		bounds[i] = n
	}
	caller := callerOf(r)
	anyOwner := resType != "" && resID != 0 && s.mayReadResource(caller, resType, resID)
	now := s.clock.now()
	return func(n *notification) bool {
		ts := n.at.Unix()
		return (anyOwner || n.owner == caller) && !n.at.After(now) && (!hasRead || read == !n.readAt.IsZero()) &&
			(level == "" || n.level == level) && (resType == "" || n.resType == resType) && (resID == 0 || n.resID == resID) &&
			(bounds[0] == 0 || ts >= bounds[0]) && (bounds[1] == 0 || ts <= bounds[1])
	}, true
}

// mayReadResource reports whether the caller may see the resource a
// notification names (SOURCE, DATASET or SINK).
func (s *Sim) mayReadResource(caller int64, resType string, id int64) bool {
	kind, ok := map[string]uint8{"SOURCE": kindSource, "DATASET": kindNexset, "SINK": kindSink}[resType]
	if !ok {
		return false
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	f, _ := s.lookup(kind, id)
	return f != nil && s.roleOf(caller, f) != ""
}

func (s *Sim) notificationObj(n *notification) obj {
	u := s.org.user(n.owner)
	return obj{"id": n.id, "owner": obj{"id": u.id, "full_name": u.fullName, "email": u.email, "email_verified_at": nil},
		"org": s.orgObj(), "access_roles": []string{roleOwner}, "level": n.level, "resource_id": n.resID,
		"resource_type": n.resType, "message_id": n.msgID, "message": n.message, "read_at": isoTime(n.readAt),
		"updated_at": isoTime(n.at), "created_at": isoTime(n.at), "ts": n.at.Unix()}
}

// notificationSorts are the sort_by values: the server's default is timestamp.
var notificationSorts = []string{"", "timestamp", "ts", "created_at", "id", "level"}

func (s *Sim) handleNotifications(w http.ResponseWriter, r *http.Request) {
	keep, ok := s.notificationFilter(w, r)
	if !ok {
		return
	}
	q := r.URL.Query()
	by := strings.ToLower(q.Get("sort_by"))
	if !slices.Contains(notificationSorts, by) {
		badParam(w, "Invalid sort_by '%s': use timestamp, id or level", q.Get("sort_by"))
		return
	}
	order := strings.ToLower(q.Get("sort_order"))
	if order != "" && order != "asc" && order != "desc" {
		badParam(w, "Invalid sort_order '%s': use asc or desc", q.Get("sort_order"))
		return
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	list := s.notificationsWhere(keep)
	desc := order != "asc"
	slices.SortStableFunc(list, func(a, b *notification) int {
		if desc {
			a, b = b, a
		}
		switch by {
		case "id":
			return cmpInt(a.id, b.id)
		case "level":
			if c := strings.Compare(a.level, b.level); c != 0 {
				return c
			}
		}
		if c := a.at.Compare(b.at); c != 0 {
			return c
		}
		return cmpInt(a.id, b.id)
	})
	lo, hi, ok := pageWindow(w, r, len(list))
	if !ok {
		return
	}
	out := make([]obj, 0, hi-lo)
	for _, n := range list[lo:hi] {
		out = append(out, s.notificationObj(n))
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Sim) handleNotificationCount(w http.ResponseWriter, r *http.Request) {
	keep, ok := s.notificationFilter(w, r)
	if !ok {
		return
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	writeJSON(w, http.StatusOK, obj{"count": len(s.notificationsWhere(keep))})
}

// notificationsWhere lists the notifications keep accepts; s.mu is held.
func (s *Sim) notificationsWhere(keep func(*notification) bool) []*notification {
	var list []*notification
	for _, n := range s.org.notifications {
		if keep(n) {
			list = append(list, n)
		}
	}
	return list
}

func (s *Sim) handleNotificationGet(w http.ResponseWriter, r *http.Request, id int64) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	for _, n := range s.org.notifications {
		if n.id == id && n.owner == callerOf(r) && !n.at.After(s.clock.now()) {
			writeJSON(w, http.StatusOK, s.notificationObj(n))
			return
		}
	}
	writeEmpty(w, http.StatusNotFound)
}

// handleMarkRead takes ?notification_id=<id>|all, or a body of [ids],
// {"ids": [...]} or {"notification_ids": [...]}.
func (s *Sim) handleMarkRead(read bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var ids []int64
		all := false
		if v := r.URL.Query().Get("notification_id"); v != "" {
			if v == "all" {
				all = true
			} else if n, err := strconv.ParseInt(v, 10, 64); err == nil {
				ids = append(ids, n)
			} else {
				badParam(w, "Invalid notification_id '%s'", v)
				return
			}
		}
		if b, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20)); len(strings.TrimSpace(string(b))) > 0 {
			var list []int64
			var wrapped struct {
				IDs             []int64 `json:"ids"`
				NotificationIDs []int64 `json:"notification_ids"`
			}
			if err := json.Unmarshal(b, &list); err == nil {
				ids = append(ids, list...)
			} else if err := json.Unmarshal(b, &wrapped); err == nil {
				ids = append(append(ids, wrapped.IDs...), wrapped.NotificationIDs...)
			} else {
				badParam(w, "Cannot parse JSON request body")
				return
			}
		}
		now := s.clock.now()
		s.mu.Lock()
		defer s.mu.Unlock()
		hit := 0
		for _, n := range s.org.notifications {
			if n.owner == callerOf(r) && !n.at.After(now) && (all || slices.Contains(ids, n.id)) {
				hit++
				n.readAt = time.Time{}
				if read {
					n.readAt = now
				}
			}
		}
		if hit == 0 {
			writeEmpty(w, http.StatusNotFound)
			return
		}
		writeEmpty(w, http.StatusOK)
	}
}
