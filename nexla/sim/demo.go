package sim

import "time"

// The demo org: ~30 hand-written flows, one per runbook "Common issues" row
// plus healthy flows to compare with. Ids follow creation order, so the same
// seed always gives the same ids; the seed varies volumes and run timing.

const (
	userRiley  int64 = 42 // the current user (service key owner), on call
	userPriya  int64 = 43
	userMarcus int64 = 44
	userSofia  int64 = 45
)

type credSpec struct {
	name, ctype, host string
	owner             int64
}

var demoCreds = []credSpec{
	{"s3-prod-datalake", "s3", "s3://acme-datalake-prod", userRiley},                  // 0
	{"gcs-analytics", "gcs", "gs://acme-analytics", userRiley},                        // 1
	{"postgres-orders-replica", "postgres", "orders-replica.db.internal", userRiley},  // 2
	{"mysql-legacy-crm", "mysql", "crm-legacy.db.internal", userRiley},                // 3
	{"snowflake-warehouse", "snowflake", "acme.snowflakecomputing.com", userRiley},    // 4
	{"bigquery-marketing", "bigquery", "acme-marketing.bigquery", userRiley},          // 5
	{"stripe-api", "rest", "api.stripe.example", userRiley},                           // 6
	{"kafka-events-cluster", "kafka", "kafka-1.events.internal:9092", userRiley},      // 7
	{"gdrive-finance-share", "gdrive", "drive.google.com/finance", userPriya},         // 8
	{"sftp-partner-northwind", "sftp", "sftp.northwind-partner.example", userRiley},   // 9
	{"hubspot-crm-oauth", "rest", "api.hubapi.example", userRiley},                    // 10: expires
	{"vendor-catalog-key", "rest", "api.vendor.example", userRiley},                   // 11: rate limited
	{"zendesk-api", "rest", "acme.zendesk.example", userRiley},                        // 12
	{"postgres-payroll", "postgres", "payroll.db.internal", userPriya},                // 13
	{"dynamodb-sessions", "dynamodb", "dynamodb.us-east-1.amazonaws.com", userMarcus}, // 14
}

type flowSpec struct {
	scenario  string
	name      string
	srcConn   string
	srcCred   int
	srcFormat string
	srcLoc    string
	detected  string
	derived   string // "" = no transform step
	sinkName  string
	sinkConn  string
	sinkCred  int
	sinkFmt   string
	sinkLoc   string
	schema    int
	every     time.Duration
	owner     int64
	role      string
	recs      int32
	sink2     string // optional second sink name (same connector/cred as the first)
}

const (
	h = time.Hour
	m = time.Minute
)

var demoFlows = []flowSpec{
	{"healthy", "Orders CDC", "postgres", 2, "JSON", "public.orders", "orders (detected)", "Orders - cleaned", "Orders to Snowflake", "snowflake", 4, "JSON", "ANALYTICS.PUBLIC.ORDERS", 0, h, userRiley, roleOwner, 48000, ""},
	{"healthy", "Clickstream Events", "kafka", 7, "JSON", "topic web.clickstream", "web.clickstream (detected)", "", "orders-parquet-s3", "s3", 0, "PARQUET", "s3://acme-datalake-prod/clickstream/", 2, 15 * m, userRiley, roleOwner, 220000, ""},
	{"healthy", "Marketing Spend Daily", "bigquery", 5, "JSON", "marketing.spend_daily", "spend_daily (detected)", "Spend - by channel", "Spend to Snowflake", "snowflake", 4, "JSON", "ANALYTICS.MARKETING.SPEND", 6, 2 * h, userRiley, roleOwner, 3200, ""},
	{"credential_expired", "HubSpot Contacts", "rest", 10, "JSON", "https://api.hubapi.example/crm/v3/objects/contacts", "contacts (detected)", "", "Contacts to BigQuery", "bigquery", 5, "JSON", "crm.contacts", 7, h, userRiley, roleOwner, 5400, ""},
	{"transform_error", "Stripe Payments", "rest", 6, "JSON", "https://api.stripe.example/v1/charges", "charges (detected)", "Payments - normalized amounts", "Payments to Snowflake", "snowflake", 4, "JSON", "FINANCE.PUBLIC.PAYMENTS", 1, h, userRiley, roleOwner, 12000, ""},
	{"schema_mismatch", "CRM Accounts Export", "mysql", 3, "JSON", "crm.accounts", "accounts (detected)", "", "Accounts to Postgres", "postgres", 2, "JSON", "analytics.accounts", 3, h, userRiley, roleOwner, 8000, ""},
	{"rate_limited", "Vendor Catalog Sync", "rest", 11, "JSON", "https://api.vendor.example/v2/catalog", "catalog (detected)", "", "Catalog to S3", "s3", 0, "JSON", "s3://acme-datalake-prod/vendor/catalog/", 4, h, userRiley, roleOwner, 15000, ""},
	{"network_timeout", "Partner Inventory Feed", "sftp", 9, "CSV", "/outbound/inventory/*.csv", "inventory (detected)", "", "Inventory to Postgres", "postgres", 2, "JSON", "ops.partner_inventory", 4, h, userRiley, roleOwner, 26000, ""},
	{"flow_not_running", "Finance Reports (GDrive)", "gdrive", 8, "CSV", "Finance/Monthly Close/*.xlsx", "monthly_close (detected)", "", "Finance to Snowflake", "snowflake", 4, "JSON", "FINANCE.PUBLIC.MONTHLY_CLOSE", 0, h, userRiley, roleOwner, 900, ""},
	{"high_error_rate", "Support Tickets", "rest", 12, "JSON", "https://acme.zendesk.example/api/v2/tickets", "tickets (detected)", "Tickets - enriched", "Tickets to BigQuery", "bigquery", 5, "JSON", "support.tickets", 5, h, userRiley, roleOwner, 7000, ""},
	{"stale_data", "Store Sales Nightly", "s3", 0, "CSV", "s3://acme-datalake-prod/pos/sales/", "pos_sales (detected)", "", "Sales to Snowflake", "snowflake", 4, "JSON", "ANALYTICS.RETAIL.SALES", 0, 6 * h, userRiley, roleOwner, 64000, ""},
	{"permission_denied", "Payroll Export", "postgres", 13, "JSON", "hr.payroll_runs", "payroll_runs (detected)", "", "Payroll to SFTP", "sftp", 9, "CSV", "/inbound/payroll/", 3, 4 * h, userPriya, roleCollaborator, 1200, ""},
	{"resource_conflict", "Orders Parquet Export", "snowflake", 4, "JSON", "ANALYTICS.PUBLIC.ORDERS", "orders_export (detected)", "", "orders-parquet-s3", "s3", 0, "PARQUET", "s3://acme-datalake-prod/exports/orders_2026.parquet", 0, h, userRiley, roleOwner, 40000, ""},
	{"", "Web Sessions", "dynamodb", 14, "JSON", "table sessions", "sessions (detected)", "", "Sessions to GCS", "gcs", 1, "JSON", "gs://acme-analytics/sessions/", 2, 30 * m, userMarcus, roleOperator, 90000, ""},
	{"", "Product Catalog", "mysql", 3, "JSON", "shop.products", "products (detected)", "Products - published", "Products to BigQuery", "bigquery", 5, "JSON", "shop.products", 4, 2 * h, userRiley, roleOwner, 6000, ""},
	{"", "Refunds Ledger", "postgres", 2, "JSON", "public.refunds", "refunds (detected)", "Refunds - EUR converted", "Refunds to Snowflake", "snowflake", 4, "JSON", "FINANCE.PUBLIC.REFUNDS", 1, h, userRiley, roleOwner, 2100, ""},
	{"", "App Events Stream", "kafka", 7, "JSON", "topic app.events", "app.events (detected)", "", "App Events to GCS", "gcs", 1, "JSON", "gs://acme-analytics/app-events/", 2, 15 * m, userMarcus, roleOperator, 150000, "App Events to S3"},
	{"", "Warehouse Stock Levels", "sftp", 9, "CSV", "/outbound/stock/*.csv", "stock (detected)", "", "Stock to Postgres", "postgres", 2, "JSON", "ops.stock_levels", 4, 2 * h, userRiley, roleOwner, 18000, ""},
	{"", "Budget Sheets", "gdrive", 8, "CSV", "Finance/Budgets/*.xlsx", "budgets (detected)", "", "Budgets to Snowflake", "snowflake", 4, "JSON", "FINANCE.PUBLIC.BUDGETS", 6, 4 * h, userPriya, roleOperator, 400, ""},
	{"", "Customer Master", "snowflake", 4, "JSON", "ANALYTICS.PUBLIC.CUSTOMERS", "customers (detected)", "Customers - PII masked", "Customers to S3", "s3", 0, "PARQUET", "s3://acme-datalake-prod/customers/", 3, h, userRiley, roleOwner, 52000, ""},
	{"", "Ad Impressions", "gcs", 1, "JSON", "gs://acme-analytics/ads/impressions/", "impressions (detected)", "", "Impressions to BigQuery", "bigquery", 5, "JSON", "marketing.impressions", 6, 30 * m, userRiley, roleOwner, 76000, ""},
	{"", "Shipment Tracking", "rest", 6, "JSON", "https://api.stripe.example/v1/shipping", "shipments (detected)", "", "Shipments to Postgres", "postgres", 2, "JSON", "ops.shipments", 0, h, userRiley, roleOwner, 3300, ""},
	{"", "Loyalty Accounts", "mysql", 3, "JSON", "loyalty.members", "members (detected)", "Members - tiers", "Members to Snowflake", "snowflake", 4, "JSON", "ANALYTICS.LOYALTY.MEMBERS", 3, 2 * h, userRiley, roleOwner, 11000, ""},
	{"", "Support Satisfaction", "rest", 12, "JSON", "https://acme.zendesk.example/api/v2/satisfaction_ratings", "ratings (detected)", "", "Ratings to BigQuery", "bigquery", 5, "JSON", "support.ratings", 5, 2 * h, userRiley, roleOwner, 1500, ""},
	{"", "Returns Archive", "s3", 0, "JSON", "s3://acme-datalake-prod/returns/", "returns (detected)", "", "Returns to GCS", "gcs", 1, "JSON", "gs://acme-analytics/returns/", 0, h, userRiley, roleOwner, 2600, ""},
	{"", "Price Changes", "postgres", 2, "JSON", "public.price_history", "price_history (detected)", "", "Prices to Kafka", "kafka", 7, "JSON", "topic pricing.changes", 4, 30 * m, userRiley, roleOwner, 4200, ""},
	{"", "Store Footfall", "kafka", 7, "JSON", "topic stores.footfall", "footfall (detected)", "Footfall - hourly rollup", "Footfall to Snowflake", "snowflake", 4, "JSON", "ANALYTICS.RETAIL.FOOTFALL", 2, h, userRiley, roleOwner, 33000, ""},
	{"", "Invoices Drop", "sftp", 9, "CSV", "/outbound/invoices/*.csv", "invoices (detected)", "", "Invoices to S3", "s3", 0, "JSON", "s3://acme-datalake-prod/invoices/", 1, 4 * h, userRiley, roleOwner, 800, ""},
	{"", "Lead Scoring", "bigquery", 5, "JSON", "marketing.leads", "leads (detected)", "Leads - scored", "Leads to MySQL", "mysql", 3, "JSON", "crm.lead_scores", 7, 2 * h, userRiley, roleOwner, 2400, ""},
	{"", "Vendor Invoices (GDrive)", "gdrive", 8, "CSV", "AP/Vendor Invoices/*.pdf.csv", "vendor_invoices (detected)", "", "Vendor Invoices to Postgres", "postgres", 2, "JSON", "finance.vendor_invoices", 1, 4 * h, userRiley, roleOwner, 300, ""},
}
