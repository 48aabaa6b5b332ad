package charts_test

import (
	"strings"
	"testing"

	"atelier/charts"
)

func TestTableCSVIsSafeForSpreadsheets(t *testing.T) {
	tbl := charts.Table{
		Columns: []string{"quartier", "=montant"},
		Numeric: []bool{false, true},
		Rows:    [][]string{{"x", "y"}},
		Raw: [][]string{
			{"Jonquières", "1234.5"},
			{"=HYPERLINK(\"http://evil\")", "-12"},
			{"+33 6", ""},
			{"@SUM(A1)", "7"},
			{"\tcaché", "-0.5"},
			{"-moins", "3"},
			{`</script>"; __f__x__f__`, "1e5"},
		},
	}
	var b strings.Builder
	if err := tbl.WriteCSV(&b); err != nil {
		t.Fatal(err)
	}
	want := "\ufeffquartier;'=montant\r\n" +
		"Jonquières;1234,5\r\n" +
		"\"'=HYPERLINK(\"\"http://evil\"\")\";-12\r\n" +
		"'+33 6;\r\n" +
		"'@SUM(A1);7\r\n" +
		"'\tcaché;-0,5\r\n" +
		"'-moins;3\r\n" +
		"\"</script>\"\"; __f__x__f__\";1e5\r\n"
	if got := b.String(); got != want {
		t.Errorf("CSV =\n%q\nwant\n%q", got, want)
	}
}
