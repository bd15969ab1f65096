package catalog

import "testing"

func TestEntries(t *testing.T) {
	src := "export default {\n  a: 'one {n}',\n  'b.c': \"two \\\"{x}\\\"\",\n  d: 'it\\'s',\n};\nexport const sentences = {\n  e: 'five'\n};\n"
	got := Entries(src)
	want := map[string]string{"a": "one {n}", "b.c": `two \"{x}\"`, "d": `it\'s`, "e": "five"}
	if len(got) != len(want) {
		t.Fatalf("Entries = %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("Entries[%q] = %q, want %q", k, got[k], v)
		}
	}
	table, ok := Table(src, "export const sentences = {")
	if !ok || len(Entries(table)) != 1 || Entries(table)["e"] != "five" {
		t.Errorf("Table: %q, %v", table, ok)
	}
	if _, ok := Table(src, "export const nothing"); ok {
		t.Error("Table found a start that is not there")
	}
	if got := Params("{b} and {a}, {b} again, {n}"); got != "a,b,n" {
		t.Errorf("Params = %q", got)
	}
}
