package decoder

import "time"

// Stamp is a capture time: nanoseconds since 1970-01-01 UTC. JSON writes
// it as time.Time does (RFC 3339 in UTC, with as many fractional digits as
// it needs), written here so that no result holds a time.Time: a type the
// JSON encoder reaches keeps its String and Format methods in the page's
// wasm, about 50 KB of code the page never runs.
type Stamp int64

// StampOf is t as a Stamp.
func StampOf(t time.Time) Stamp { return Stamp(t.UnixNano()) }

// Time is s as a time.Time in UTC.
func (s Stamp) Time() time.Time { return time.Unix(0, int64(s)).UTC() }

// MarshalJSON writes s as "2006-01-02T15:04:05.999999999Z".
func (s Stamp) MarshalJSON() ([]byte, error) {
	return s.appendRFC3339(make([]byte, 0, 32)), nil
}

// appendRFC3339 appends s quoted, as time.Time's MarshalJSON does for a
// time in UTC (years 1678 to 2262 are all an int64 of nanoseconds holds).
func (s Stamp) appendRFC3339(b []byte) []byte {
	secs, nanos := int64(s)/1e9, int64(s)%1e9
	if nanos < 0 {
		secs, nanos = secs-1, nanos+1e9
	}
	days, rest := secs/86400, secs%86400
	if rest < 0 {
		days, rest = days-1, rest+86400
	}
	y, m, d := civil(days)
	b = append(b, '"')
	b = appendDigits(b, y, 4)
	b = append(b, '-')
	b = appendDigits(b, m, 2)
	b = append(b, '-')
	b = appendDigits(b, d, 2)
	b = append(b, 'T')
	b = appendDigits(b, rest/3600, 2)
	b = append(b, ':')
	b = appendDigits(b, rest/60%60, 2)
	b = append(b, ':')
	b = appendDigits(b, rest%60, 2)
	if nanos != 0 {
		digits := 9
		for nanos%10 == 0 {
			nanos /= 10
			digits--
		}
		b = append(b, '.')
		b = appendDigits(b, nanos, digits)
	}
	return append(b, 'Z', '"')
}

// civil turns days since 1970-01-01 into a proleptic Gregorian date
// (Howard Hinnant's days-to-civil algorithm).
func civil(days int64) (y, m, d int64) {
	z := days + 719468
	era := z / 146097
	if z < 0 && z%146097 != 0 {
		era--
	}
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y = yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = doy - (153*mp+2)/5 + 1
	m = mp + 3
	if mp >= 10 {
		m = mp - 9
	}
	if m <= 2 {
		y++
	}
	return y, m, d
}

// appendDigits appends v (not negative) in at least width digits.
func appendDigits(b []byte, v int64, width int) []byte {
	var buf [20]byte
	i := len(buf)
	for v >= 10 || width > 1 {
		i--
		buf[i] = byte('0' + v%10)
		v /= 10
		width--
	}
	i--
	buf[i] = byte('0' + v)
	return append(b, buf[i:]...)
}
