package fetch_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"

	"atelier/datasets/fetch"
	"atelier/internal/fault"
)

func TestFetchDownloadsAFile(t *testing.T) {
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/old" {
			http.Redirect(w, r, "/export", http.StatusFound)
			return
		}
		w.Header().Set("Content-Disposition", `attachment; filename="../../budget.csv"`)
		w.Write([]byte("quartier;montant\nL'Île;1,5\n"))
	}))
	defer ts.Close()
	f, err := fetch.ForTests(1<<20).Fetch(context.Background(), ts.URL+"/old")
	if err != nil {
		t.Fatal(err)
	}
	if f.Name != "budget.csv" || !strings.HasSuffix(f.URL, "/export") || !strings.Contains(string(f.Body), "L'Île") {
		t.Errorf("got %q from %q: %q", f.Name, f.URL, f.Body)
	}
}

func TestFetchRefuses(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/metadata", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://169.254.169.254/latest/meta-data/", http.StatusFound)
	})
	mux.HandleFunc("/private", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://10.0.0.1/", http.StatusFound)
	})
	mux.HandleFunc("/file", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "file:///etc/passwd", http.StatusFound)
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusFound)
	})
	mux.HandleFunc("/endless", func(w http.ResponseWriter, r *http.Request) {
		buf := []byte(strings.Repeat("a;b\n", 1024))
		for r.Context().Err() == nil {
			if _, err := w.Write(buf); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/missing", http.NotFound)
	ts := httptest.NewServer(mux)
	defer ts.Close()
	localhost := strings.Replace(ts.URL, "127.0.0.1", "localhost", 1)
	tests := []struct {
		name    string
		real    bool // the production check, which refuses loopback too
		url     string
		kind    fault.Kind
		message string
	}{
		{"file scheme", false, "file:///etc/passwd", fault.Invalid, "seules les adresses http:// et https://"},
		{"gopher scheme", false, "gopher://example.org/", fault.Invalid, "seules les adresses http:// et https://"},
		{"credentials", false, "http://user:secret@example.org/x.csv", fault.Invalid, "identifiant ou un mot de passe"},
		{"no host", false, "http:///x.csv", fault.Invalid, "invalide"},
		{"loopback, real check", true, ts.URL + "/missing", fault.Invalid, "adresse interne ou réservée (127.0.0.1)"},
		{"localhost resolved then refused", true, localhost + "/missing", fault.Invalid, "adresse interne ou réservée"},
		{"redirect to cloud metadata", false, ts.URL + "/metadata", fault.Invalid, "(169.254.169.254)"},
		{"redirect to a private address", false, ts.URL + "/private", fault.Invalid, "(10.0.0.1)"},
		{"redirect to file://", false, ts.URL + "/file", fault.Invalid, "seules les adresses http:// et https://"},
		{"redirect loop", false, ts.URL + "/loop", fault.Unprocessable, "trop de redirections (plus de 5)"},
		{"endless body", false, ts.URL + "/endless", fault.TooLarge, "dépasse la taille maximale de 64\u202fKo"},
		{"slow server", false, ts.URL + "/slow", fault.Unprocessable, "a pris plus de"},
		{"404", false, ts.URL + "/missing", fault.Unprocessable, "« 404 Not Found »"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := fetch.ForTests(64 << 10)
			if tt.real {
				f = fetch.New(64 << 10)
			}
			f.Timeout = 500 * time.Millisecond
			_, err := f.Fetch(context.Background(), tt.url)
			msg, _ := fault.Message(err)
			if fault.KindOf(err) != tt.kind || !strings.Contains(msg, tt.message) {
				t.Errorf("got %v (%v), want %v with %q", err, fault.KindOf(err), tt.kind, tt.message)
			}
		})
	}
}

func TestPublic(t *testing.T) {
	for _, tt := range []struct {
		ip   string
		want bool
	}{
		{"8.8.8.8", true}, {"2001:4860:4860::8888", true}, {"93.184.216.34", true},
		{"127.0.0.1", false}, {"127.5.5.5", false}, {"::1", false}, {"10.1.2.3", false},
		{"172.16.0.1", false}, {"192.168.1.1", false}, {"169.254.169.254", false}, {"fe80::1", false},
		{"fc00::1", false}, {"fd12::1", false}, {"0.0.0.0", false}, {"::", false}, {"224.0.0.1", false},
		{"ff02::1", false}, {"::ffff:127.0.0.1", false}, {"::ffff:169.254.169.254", false},
		{"100.64.0.1", false}, {"255.255.255.255", false}, {"64:ff9b::a9fe:a9fe", false}, {"2002:7f00:1::", false},
	} {
		if got := fetch.Public(netip.MustParseAddr(tt.ip)); got != tt.want {
			t.Errorf("Public(%s) = %v, want %v", tt.ip, got, tt.want)
		}
	}
}
