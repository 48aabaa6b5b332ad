package datasets_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"atelier/datasets"
	"atelier/internal/fault"
)

func TestReadRefuses(t *testing.T) {
	small := datasets.DefaultLimits
	small.MaxLineBytes, small.MaxCellBytes, small.MaxColumns, small.MaxRows, small.MaxFileBytes = 64, 32, 3, 2, 1000
	tests := []struct {
		name string
		file string
		in   string
		lim  datasets.Limits
		kind fault.Kind
		msg  string // a part of the French message
	}{
		{"PNG named csv", "x.csv", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", datasets.DefaultLimits, fault.Unsupported, "il ressemble à une image PNG"},
		{"PDF", "x.csv", "%PDF-1.7\n", datasets.DefaultLimits, fault.Unsupported, "un document PDF"},
		{"truncated XLSX", "x.csv", "PK\x03\x04\x14\x00", datasets.DefaultLimits, fault.Unprocessable, "classeur XLSX illisible : l'archive est tronquée ou abîmée"},
		{"truncated gzip", "x.csv", "\x1f\x8b\x08\x00", datasets.DefaultLimits, fault.Unprocessable, "fichier gzip illisible"},
		{"truncated Parquet", "x.parquet", "PAR1\x00\x00", datasets.DefaultLimits, fault.Unprocessable, "fichier Parquet illisible"},
		{"truncated Arrow", "x.arrow", "ARROW1\x00\x00", datasets.DefaultLimits, fault.Unprocessable, "fichier Arrow illisible"},
		{"NUL early", "x.csv", "a;b\n1\x002;3\n", datasets.DefaultLimits, fault.Unsupported, "octet nul à la position 5"},
		{"NUL late", "x.csv", "a;b\n" + strings.Repeat("1;2\n", 300) + "\x00", datasets.DefaultLimits, fault.Unprocessable, "octet nul à la position 1204"},
		{"UTF-16", "x.csv", "\xff\xfea\x00", datasets.DefaultLimits, fault.Unsupported, "UTF-16"},
		{"empty file", "x.csv", "", datasets.DefaultLimits, fault.Unprocessable, "le fichier est vide"},
		{"only blank lines", "x.csv", "\r\n\n  \n", datasets.DefaultLimits, fault.Unprocessable, "le fichier est vide"},
		{"only a header", "x.csv", "a;b;c\n", datasets.DefaultLimits, fault.Unprocessable, "le fichier est vide"},
		{"only a header and blank lines", "x.csv", "a;b;c\r\n\r\n", datasets.DefaultLimits, fault.Unprocessable, "le fichier est vide"},
		{"undefined 0x81", "x.csv", "a;b\ncaf\xe9;\x81\n", datasets.DefaultLimits, fault.Unprocessable, "octet 0x81 à la position 9"},
		{"invalid UTF-8 after a BOM", "x.csv", "\xef\xbb\xbfa;b\ncaf\xe9;1\n", datasets.DefaultLimits, fault.Unprocessable, "position 10"},
		{"UTF-8 with a stray Latin-1 byte", "x.csv", "nom;v\nPré;1\nÉté;2\nCh\xe2teau;3\n", datasets.DefaultLimits, fault.Unprocessable, "l'octet 0xE2 à la position 23"},
		{"cell over the limit", "x.csv", "a;b\n1;" + strings.Repeat("x", 40) + "\n", small, fault.Unprocessable, "ligne 2 : une cellule dépasse la taille maximale de 32\u202foctets (limite MaxCellBytes)"},
		{"extra non-empty fields", "x.csv", "a;b;c\n1;2;3\n1;2;3;4;;5\n", datasets.DefaultLimits, fault.Unprocessable, "ligne 3 : 6 champs au lieu de 3"},
		{"unclosed quote", "x.csv", "a;b\n1;\"2\n3;4\n", datasets.DefaultLimits, fault.Unprocessable, "ligne 2 : un guillemet ouvert n'est jamais fermé"},
		{"line over the limit", "x.csv", "a;b\n" + strings.Repeat("1234;", 20) + "\n", small, fault.Unprocessable, "ligne 2 : un enregistrement dépasse la taille maximale de 64\u202foctets (limite MaxLineBytes)"},
		{"too many columns", "x.csv", "a;b;c;d\n1;2;3;4\n", small, fault.Unprocessable, "4 colonnes, plus que la limite de 3 (MaxColumns)"},
		{"too many rows", "x.csv", "a\n1\n2\n3\n", small, fault.Unprocessable, "plus de 2 lignes, la limite (MaxRows)"},
		{"file too large", "x.csv", "a\n" + strings.Repeat("1\n", 600), small, fault.TooLarge, "1\u202f000\u202foctets (MaxFileBytes)"},
		{"100,000 columns", "x.csv", strings.Repeat("c;", 100_000) + "\n" + strings.Repeat("1;", 100_000) + "\n", datasets.DefaultLimits, fault.Unprocessable, "100001 colonnes, plus que la limite de 2000 (MaxColumns)"},
		{"a 2 MB line", "x.csv", "a;b\n1;" + strings.Repeat("x", 2<<20) + "\n", datasets.DefaultLimits, fault.Unprocessable, "ligne 2 : une cellule dépasse la taille maximale de 256\u202fKo"},
		{"a 2 MB line of short cells", "x.csv", "a;b\n1;" + strings.Repeat("x;", 1<<20) + "\n", datasets.DefaultLimits, fault.Unprocessable, "ligne 2 : un enregistrement dépasse la taille maximale de 1\u202fMo (limite MaxLineBytes)"},
		{"JSON array of non-objects", "x.json", `[1, 2]`, datasets.DefaultLimits, fault.Unprocessable, "objet n° 1 : le tableau JSON doit contenir des objets"},
		{"empty JSON array", "x.json", `[]`, datasets.DefaultLimits, fault.Unprocessable, "le fichier est vide"},
		{"invalid JSON", "x.geojson", `{"type": "FeatureCollection", "features": [}`, datasets.DefaultLimits, fault.Unprocessable, "JSON invalide à la position 44"},
		{"JSON but not GeoJSON", "x.json", `{"a": 1}`, datasets.DefaultLimits, fault.Unsupported, "n'est pas une FeatureCollection"},
		{"empty FeatureCollection", "x.geojson", `{"type": "FeatureCollection", "features": []}`, datasets.DefaultLimits, fault.Unprocessable, "le fichier est vide"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
			defer mem.AssertSize(t, 0)
			l, err := datasets.Read(context.Background(), tt.file, bytes.NewReader([]byte(tt.in)), tt.lim, mem)
			if err == nil {
				l.Table.Release()
				t.Fatalf("Read succeeded, want a %v fault", tt.kind)
			}
			if got := fault.KindOf(err); got != tt.kind {
				t.Errorf("kind %v, want %v (%v)", got, tt.kind, err)
			}
			if msg, _ := fault.Message(err); !strings.Contains(msg, tt.msg) {
				t.Errorf("message %q does not contain %q", msg, tt.msg)
			}
		})
	}
}

func TestReadCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	defer mem.AssertSize(t, 0)
	in := "a;b\n" + strings.Repeat("1;2\n", 70000)
	if _, err := datasets.Read(ctx, "x.csv", strings.NewReader(in), datasets.DefaultLimits, mem); err == nil {
		t.Fatal("Read succeeded with a cancelled context")
	}
}
