package store

// Day returns the YYYY-MM-DD that starts an ISO 8601 date or timestamp, else "". Backends
// keep Day(Published) with each article and its events: the day that Filter's From and To
// compare with and AggregateEvent.Day groups by, the date as written (not moved to UTC).
func Day(published string) string {
	if len(published) < 10 {
		return ""
	}
	d := published[:10]
	for i := 0; i < 10; i++ {
		c := d[i]
		if i == 4 || i == 7 {
			if c != '-' {
				return ""
			}
		} else if c < '0' || c > '9' {
			return ""
		}
	}
	return d
}
