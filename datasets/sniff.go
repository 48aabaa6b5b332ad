package datasets

import (
	"bytes"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"atelier/internal/fault"
)

// Facilitators rename files and portals mislabel them, so the content, never the name,
// decides what a file is. A binary file is recognised by its magic number, or by a NUL byte
// early on, before anyone tries to read it as text.

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// magics maps the first bytes of common non-CSV files to the French words naming them.
var magics = []struct {
	prefix string
	what   string
}{
	{"\x89PNG\r\n\x1a\n", "une image PNG"},
	{"\xff\xd8\xff", "une image JPEG"},
	{"GIF8", "une image GIF"},
	{"%PDF", "un document PDF"},
	{"PK\x03\x04", "une archive ZIP (un classeur XLSX ou ODS est une archive ZIP)"},
	{"\x1f\x8b", "un fichier compressé gzip"},
	{"\xd0\xcf\x11\xe0", "un ancien classeur Excel (XLS)"},
	{"PAR1", "un fichier Parquet"},
	{"ARROW1", "un fichier Arrow"},
	{"\xff\xfe", "un texte UTF-16 : réenregistrez-le en UTF-8"},
	{"\xfe\xff", "un texte UTF-16 : réenregistrez-le en UTF-8"},
}

// sniffBinary refuses a file that is not text.
func sniffBinary(b []byte) error {
	for _, m := range magics {
		if bytes.HasPrefix(b, []byte(m.prefix)) {
			return fault.New(fault.Unsupported,
				"ce fichier n'est pas un CSV : il ressemble à %s", m.what)
		}
	}
	head := b[:min(len(b), 1024)]
	if i := bytes.IndexByte(head, 0); i >= 0 {
		return fault.New(fault.Unsupported,
			"ce fichier n'est pas un CSV : il contient des données binaires (octet nul à la position %d)", i)
	}
	return nil
}

// Bytes that Windows-1252 leaves undefined: a file holding them is not Windows-1252 either,
// and decoding them anyway would give U+FFFD soup.
func undefined1252(c byte) bool {
	return c == 0x81 || c == 0x8D || c == 0x8F || c == 0x90 || c == 0x9D
}

// decodeText returns the file as UTF-8 without BOM and the name of its encoding. Offsets in
// its errors are those of the original bytes. When the input is already UTF-8 the returned
// slice aliases b.
func decodeText(b []byte) ([]byte, string, error) {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return nil, "", fault.New(fault.Unprocessable,
			"octet nul à la position %d : ce fichier n'est pas un texte lisible", i)
	}
	if bytes.HasPrefix(b, utf8BOM) {
		body := b[len(utf8BOM):]
		if !utf8.Valid(body) {
			return nil, "", fault.New(fault.Unprocessable,
				"octet invalide en UTF-8 à la position %d, alors que le fichier s'annonce en UTF-8 (BOM) ; réenregistrez-le en UTF-8",
				len(utf8BOM)+invalidUTF8At(body))
		}
		return body, "UTF-8 (BOM)", nil
	}
	if validUTF8(b) {
		return b, "UTF-8", nil
	}
	if at, mixed := mostlyUTF8(b); mixed {
		return nil, "", fault.New(fault.Unprocessable,
			"le fichier mélange deux encodages : il est en UTF-8 sauf l'octet 0x%02X à la position %d ; réenregistrez-le en UTF-8", b[at], at)
	}
	out, err := decode1252(b)
	if err != nil {
		return nil, "", err
	}
	return out, "Windows-1252", nil
}

// mostlyUTF8 reports whether b holds more valid multi-byte UTF-8 characters than invalid
// bytes, with the offset of the first invalid one. Such a file is UTF-8 with a stray byte
// (two files pasted together): reading it all as Windows-1252 would turn every « é » into
// « Ã© », so it is refused instead.
func mostlyUTF8(b []byte) (int, bool) {
	multi, bad, first := 0, 0, -1
	for i := 0; i < len(b); {
		if b[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			if bad++; first < 0 {
				first = i
			}
		} else {
			multi++
		}
		i += n
	}
	return first, multi > bad
}

func invalidUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// table1252 holds the UTF-8 encoding of each Windows-1252 byte from 0x80 up.
var table1252 = func() (t [128][]byte) {
	for i := range t {
		r := charmap.Windows1252.DecodeByte(byte(0x80 + i))
		t[i] = utf8.AppendRune(nil, r)
	}
	return t
}()

// decode1252 transcodes with a lookup table: charmap's transformer is correct but slow, and
// we need the offset of the first undefined byte anyway.
func decode1252(b []byte) ([]byte, error) {
	high := 0
	for i, c := range b {
		if c >= 0x80 {
			if undefined1252(c) {
				return nil, fault.New(fault.Unprocessable,
					"octet 0x%02X à la position %d : il n'existe ni en UTF-8 ni en Windows-1252 ; réenregistrez le fichier en UTF-8", c, i)
			}
			high++
		}
	}
	out := make([]byte, 0, len(b)+2*high)
	for len(b) > 0 {
		i := 0
		for i < len(b) && b[i] < 0x80 {
			i++
		}
		out = append(out, b[:i]...)
		if i == len(b) {
			break
		}
		out = append(out, table1252[b[i]-0x80]...)
		b = b[i+1:]
	}
	return out, nil
}
