package sim

import (
	"strconv"
	"time"
)

// The scale generator adds plain healthy flows for performance work. Each
// flow has a source, a detected nexset, every third one a derived nexset, and
// a sink: about 3.33 resources per flow, so 30,000 extra flows make ~100,000
// resources. Names come from word lists; nothing per record is stored.

const maxExtraFlows = 31000

var (
	scaleConnectors = []string{"s3", "gcs", "postgres", "mysql", "snowflake", "bigquery", "rest", "kafka", "gdrive", "sftp", "azure_blb", "dynamodb"}
	scaleFormats    = map[string]string{"s3": "JSON", "gcs": "JSON", "gdrive": "CSV", "sftp": "CSV", "azure_blb": "CSV"}
	scaleDomains    = []string{"orders", "payments", "events", "accounts", "inventory", "tickets", "spend", "contacts", "shipments", "returns", "sessions", "invoices"}
	scaleRegions    = []string{"us", "eu", "apac", "latam"}
)

// generateExtra adds n flows. Credentials are shared: one per connector.
func (s *Sim) generateExtra(t0 time.Time, n int) {
	if n == 0 {
		return
	}
	o := s.org
	credFor := make(map[string]int64, len(scaleConnectors))
	for _, c := range scaleConnectors {
		created := t0.Add(-31*24*time.Hour - time.Hour)
		cr := o.addCredential(&credential{
			name: "bulk-" + c, description: "Shared credential for generated flows", ctype: c, host: c + ".bulk.internal",
			ownerID: userRiley, created: created, updated: created, version: 1, verifiedStatus: "200 Ok", verifiedAt: t0.Add(-time.Hour),
		})
		credFor[c] = cr.id
	}
	histFrom := t0.Add(-extraHistoryLen * time.Hour)
	owners := []int64{userRiley, userRiley, userRiley, userMarcus}
	for i := 0; i < n; i++ {
		h := mix(uint64(s.opts.Seed), 0xabc, uint64(i))
		sc := scaleConnectors[h%uint64(len(scaleConnectors))]
		dc := scaleConnectors[(h>>8)%uint64(len(scaleConnectors))]
		domain := scaleDomains[(h>>16)%uint64(len(scaleDomains))]
		region := scaleRegions[(h>>24)%4]
		num := strconv.Itoa(i + 1)
		name := domain + "-" + region + "-" + sc + "-" + num
		created := t0.Add(-31*24*time.Hour + time.Duration(i)*20*time.Second) // after the demo flows: ids and created_at sort alike
		owner := owners[i%len(owners)]
		role := roleOwner
		if owner != userRiley {
			role = roleOperator
		}
		f := o.newFlow(name, "", owner, role, time.Hour, created)
		f.extra = true
		f.baseRecs = 500 + int32(h>>32%20000)
		f.recBytes = 200 + int32(h>>48%300)
		f.projectID = 301 + int64(i%3)
		o.addSource(f, name, sc, credFor[sc], formatOf(sc), domain+"/"+region)
		det := o.addNexset(f, nil, name+" (detected)", false, int(h>>40)%len(schemaCatalog))
		feed := det
		if i%3 == 0 {
			feed = o.addNexset(f, det, name+" - cleaned", true, det.schema)
		}
		o.addSink(f, feed, name+" to "+dc, dc, credFor[dc], formatOf(dc), domain+"_"+region+"_"+num)
		if s.failingExtra(i) {
			// Failing since 3 hours before the start: the last runs fail,
			// older ones succeeded (every other one failed outright, the
			// rest partial).
			f.scenario, f.incident = "network_timeout", t0.Add(-3*time.Hour)
			if every := int(1/s.opts.ExtraFailing + 0.5); (i/max(every, 1))%2 == 0 {
				f.scenario = "source_outage"
			}
		}
		s.seedHistory(f, histFrom, t0)
	}
}

func formatOf(connector string) string {
	if f, ok := scaleFormats[connector]; ok {
		return f
	}
	return "JSON"
}

// failingExtra picks the generated flows that fail: spread evenly, about
// ExtraFailing of them.
func (s *Sim) failingExtra(i int) bool {
	share := s.opts.ExtraFailing
	if share <= 0 {
		return false
	}
	every := int(1/share + 0.5)
	return every <= 1 || i%every == every/2
}
