package decoder

import (
	"encoding/json"
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"
)

// TestStampJSONIsTimeJSON checks that a Stamp writes what time.Time's
// MarshalJSON writes, across the range an int64 of nanoseconds holds.
func TestStampJSONIsTimeJSON(t *testing.T) {
	cases := []int64{0, 1, -1, 999999999, 1e9, -1e9, 1349000000123456000, 951782400e9, 4107542399e9 + 999999999,
		math.MaxInt64, math.MinInt64, -62135596800e9 / 10}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		cases = append(cases, r.Int64(), r.Int64N(4e18)-2e18, r.Int64N(4e9)*1e9)
	}
	for _, ns := range cases {
		want, err := json.Marshal(time.Unix(0, ns).UTC())
		if err != nil {
			t.Fatal(err)
		}
		got, _ := Stamp(ns).MarshalJSON()
		if string(got) != string(want) {
			t.Fatalf("Stamp(%d) = %s, time.Time writes %s", ns, got, want)
		}
		if back := StampOf(Stamp(ns).Time()); back != Stamp(ns) {
			t.Fatalf("Stamp(%d) round trip gives %d", ns, back)
		}
	}
}

// TestNoTimeInReachableTypes guards the page's first wasm: a time.Time in
// a type an interface reaches (the result, through the JSON encoder; the
// Session and its Marks, through Reader's methods) keeps time's String and
// Format in the binary, about 24 KB of gzip. Times are Stamps.
func TestNoTimeInReachableTypes(t *testing.T) {
	timeType := reflect.TypeOf(time.Time{})
	seen := map[reflect.Type]bool{}
	var walk func(path string, typ reflect.Type)
	walk = func(path string, typ reflect.Type) {
		if seen[typ] {
			return
		}
		seen[typ] = true
		if typ == timeType {
			t.Errorf("%s is a time.Time: use Stamp", path)
			return
		}
		switch typ.Kind() {
		case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Map:
			walk(path, typ.Elem())
		case reflect.Struct:
			for i := range typ.NumField() {
				f := typ.Field(i)
				walk(path+"."+f.Name, f.Type)
			}
		}
	}
	walk("Result", reflect.TypeOf(Result{}))
	walk("Session", reflect.TypeOf(Session{}))
	walk("Mark", reflect.TypeOf(Mark{}))
}
