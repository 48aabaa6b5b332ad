package chartsvg

// MeasureText is measureText, for the tests.
var MeasureText = measureText
