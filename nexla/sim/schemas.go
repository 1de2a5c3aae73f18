package sim

import (
	"fmt"
	"time"
)

// schemaField is one attribute of a nexset schema.
type schemaField struct {
	name string
	typ  string // JSON-schema type: integer, number, string, boolean
	fmt  string // optional format (date-time, decimal)
}

type schemaDef struct {
	name   string
	fields []schemaField
}

// schemaCatalog is the small set of record shapes the demo org uses. Samples
// are computed from (schema, nexset id, index), so nothing is stored per record.
var schemaCatalog = [...]schemaDef{
	{"orders", []schemaField{{"order_id", "integer", ""}, {"customer_id", "integer", ""}, {"amount", "number", "decimal"}, {"currency", "string", ""}, {"status", "string", ""}, {"created_at", "string", "date-time"}}},
	{"payments", []schemaField{{"payment_id", "string", ""}, {"order_id", "integer", ""}, {"amount", "number", "decimal"}, {"currency", "string", ""}, {"method", "string", ""}, {"captured_at", "string", "date-time"}}},
	{"events", []schemaField{{"event_id", "string", ""}, {"user_id", "integer", ""}, {"event_type", "string", ""}, {"page", "string", ""}, {"ts", "integer", ""}}},
	{"accounts", []schemaField{{"customer_id", "integer", ""}, {"account_name", "string", ""}, {"tier", "string", ""}, {"region", "string", ""}, {"updated_at", "string", "date-time"}}},
	{"inventory", []schemaField{{"sku", "string", ""}, {"warehouse", "string", ""}, {"on_hand", "integer", ""}, {"reserved", "integer", ""}, {"as_of", "string", "date-time"}}},
	{"tickets", []schemaField{{"ticket_id", "integer", ""}, {"requester_email", "string", ""}, {"priority", "string", ""}, {"status", "string", ""}, {"opened_at", "string", "date-time"}}},
	{"spend", []schemaField{{"campaign_id", "string", ""}, {"channel", "string", ""}, {"spend", "number", "decimal"}, {"impressions", "integer", ""}, {"day", "string", "date"}}},
	{"contacts", []schemaField{{"contact_id", "integer", ""}, {"email", "string", ""}, {"lifecycle_stage", "string", ""}, {"owner", "string", ""}, {"updated_at", "string", "date-time"}}},
}

var (
	currencies = []string{"USD", "EUR", "GBP", "CAD"}
	orderState = []string{"paid", "shipped", "refunded", "pending"}
	regions    = []string{"us-east", "us-west", "eu-central", "ap-south"}
	words      = []string{"north", "harbor", "maple", "summit", "river", "cedar", "atlas", "lumen", "quartz", "orbit"}
)

// sampleRecord builds record i of a nexset deterministically.
func sampleRecord(schema int, setID int64, i int, at time.Time) map[string]any {
	k := int64(i) + setID*7
	ts := at.Add(-time.Duration(i) * 37 * time.Second).UTC().Format("2006-01-02T15:04:05.000Z")
	switch schemaCatalog[schema%len(schemaCatalog)].name {
	case "orders":
		return map[string]any{"order_id": 480000 + k, "customer_id": 1000 + k%900, "amount": fmt.Sprintf("%d.%02d", 10+k%290, k%100), "currency": currencies[k%4], "status": orderState[k%4], "created_at": ts}
	case "payments":
		return map[string]any{"payment_id": fmt.Sprintf("pi_%08x", 0x3a00000+k), "order_id": 48200 + k, "amount": fmt.Sprintf("%d.%02d", 5+k%480, k%100), "currency": currencies[k%4], "method": []string{"card", "ach", "wallet"}[k%3], "captured_at": ts}
	case "events":
		return map[string]any{"event_id": fmt.Sprintf("evt-%06d", 900000+k), "user_id": 7000 + k%5000, "event_type": []string{"page_view", "add_to_cart", "checkout"}[k%3], "page": "/p/" + words[k%10], "ts": at.UnixMilli() - int64(i)*1000}
	case "accounts":
		return map[string]any{"customer_id": 1000 + k, "account_name": words[k%10] + " " + words[(k/10)%10] + " LLC", "tier": []string{"gold", "silver", "bronze"}[k%3], "region": regions[k%4], "updated_at": ts}
	case "inventory":
		return map[string]any{"sku": fmt.Sprintf("SKU-%05d", 10000+k), "warehouse": regions[k%4], "on_hand": 50 + k%400, "reserved": k % 30, "as_of": ts}
	case "tickets":
		return map[string]any{"ticket_id": 77000 + k, "requester_email": fmt.Sprintf("customer%d@example.com", k%800), "priority": []string{"low", "normal", "high", "urgent"}[k%4], "status": []string{"open", "pending", "solved"}[k%3], "opened_at": ts}
	case "spend":
		return map[string]any{"campaign_id": fmt.Sprintf("cmp_%04d", 100+k%60), "channel": []string{"search", "social", "display"}[k%3], "spend": fmt.Sprintf("%d.%02d", 100+k%900, k%100), "impressions": 1000 + k*13%90000, "day": at.Format("2006-01-02")}
	default:
		return map[string]any{"contact_id": 30000 + k, "email": fmt.Sprintf("lead%d@example.org", k), "lifecycle_stage": []string{"lead", "mql", "customer"}[k%3], "owner": words[k%10], "updated_at": ts}
	}
}

// outputSchema renders a nexset's schema the way Nexla stores output_schema.
func outputSchema(schema int) map[string]any {
	def := schemaCatalog[schema%len(schemaCatalog)]
	props := make(map[string]any, len(def.fields))
	for _, f := range def.fields {
		p := map[string]any{"type": f.typ}
		if f.fmt != "" {
			p["format"] = f.fmt
		}
		props[f.name] = p
	}
	return map[string]any{"$schema": "http://json-schema.org/draft-04/schema#", "type": "object", "properties": props, "$schema-id": 5000 + schema}
}

// retypedSchema is outputSchema with one field's type changed: the schema
// before the schema_mismatch scenario's change (its audit entry's "before";
// the nexset serves outputSchema, the "after", so the two agree).
func retypedSchema(schema int, field, typ string) map[string]any {
	out := outputSchema(schema)
	props := out["properties"].(map[string]any)
	props[field] = map[string]any{"type": typ}
	return out
}

// transformSpec is the record transform of a derived nexset.
func transformSpec(schema int) map[string]any {
	def := schemaCatalog[schema%len(schemaCatalog)]
	mapping := make(map[string]any, len(def.fields))
	for _, f := range def.fields {
		mapping[f.name] = f.name
	}
	return map[string]any{
		"version": 1, "data_maps": []any{}, "transforms": []any{
			map[string]any{"operation": "shift", "spec": mapping},
			map[string]any{"operation": "nexla.modify", "spec": map[string]any{"amount": "=toDecimal(@value)"}},
		},
		"custom": false,
	}
}
