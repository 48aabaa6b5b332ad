package datasets

// Limits bounds what one import may cost. The zero value is not useful: start from
// DefaultLimits.
type Limits struct {
	MaxFileBytes  int64 // the upload itself
	MaxLineBytes  int   // one physical record
	MaxColumns    int
	MaxRows       int
	MaxCellBytes  int
	MaxDecodedMul int64 // a compressed file may expand to at most this many times MaxFileBytes

	MaxVertices      int // GeoJSON: positions in the whole file, before simplification
	MaxDrawnVertices int // GeoJSON: positions kept once simplified for the screen (a map page's weight)
}

// DefaultLimits are generous for a city's open data and small enough for a 2-core machine.
var DefaultLimits = Limits{
	MaxFileBytes:  200 << 20,
	MaxLineBytes:  1 << 20,
	MaxColumns:    2000,
	MaxRows:       20_000_000,
	MaxCellBytes:  256 << 10,
	MaxDecodedMul: 1,

	MaxVertices:      3_000_000,
	MaxDrawnVertices: 50_000,
}
