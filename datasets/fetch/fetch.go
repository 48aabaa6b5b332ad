// Package fetch downloads a file to import from an open-data portal's export link, with the
// rules of SECURITY.md against server-side request forgery: only http and https; every
// connection's address checked when it is dialled (after DNS resolution, for the first
// request and for every redirect, so DNS rebinding and redirects to internal addresses are
// caught too), no proxy from the environment (the check would then see the proxy), at
// most 5 redirects, a size limit and a total timeout.
//
// It is a package of its own so that package datasets stays free of net/http.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"path"
	"strings"
	"syscall"
	"time"

	"atelier/internal/fault"
	"atelier/internal/localfmt"
)

// File is a downloaded file.
type File struct {
	Name string // a file name for display and as a format hint, from the answer or the URL
	URL  string // the address finally read, after redirects
	Body []byte
}

// Fetcher downloads files. The zero value is not useful: use New.
type Fetcher struct {
	MaxBytes     int64         // the file's size limit (datasets.Limits.MaxFileBytes)
	Timeout      time.Duration // for the whole download
	MaxRedirects int

	// allowLoopback lets tests fetch from an httptest server on 127.0.0.1; production code
	// never sets it (it is unexported, and only export_test.go reaches it).
	allowLoopback bool
}

// New returns a Fetcher with atelier's defaults: 2 minutes, 5 redirects.
func New(maxBytes int64) *Fetcher {
	return &Fetcher{MaxBytes: maxBytes, Timeout: 2 * time.Minute, MaxRedirects: 5}
}

// refused is the error the dialler's check returns.
type refused struct {
	host string
	ip   netip.Addr
}

func (e *refused) Error() string { return "refused address " + e.ip.String() }

// Fetch downloads rawURL.
func (f *Fetcher) Fetch(ctx context.Context, rawURL string) (*File, error) {
	u, err := checkURL(rawURL)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, f.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fault.Wrap(fault.Invalid, err, "adresse « %s » invalide", rawURL)
	}
	req.Header.Set("User-Agent", "atelier (import de données ouvertes)")
	resp, err := f.client().Do(req)
	if err != nil {
		return nil, f.fault(u, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fault.New(fault.Unprocessable,
			"le serveur de %s a répondu « %d %s » : vérifiez le lien", u.Host, resp.StatusCode, http.StatusText(resp.StatusCode))
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, f.MaxBytes+1))
	if err != nil {
		return nil, f.fault(u, err)
	}
	if int64(len(body)) > f.MaxBytes {
		return nil, fault.New(fault.TooLarge, "le fichier de %s dépasse la taille maximale de %s (MaxFileBytes)", u.Host, localfmt.Bytes("fr", f.MaxBytes))
	}
	return &File{Name: fileName(resp), URL: resp.Request.URL.String(), Body: body}, nil
}

// checkURL accepts http and https addresses with a host and no credentials.
func checkURL(rawURL string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(rawURL))
	if err == nil && u.Scheme != "http" && u.Scheme != "https" {
		return nil, fault.New(fault.Invalid, "adresse « %s » refusée : seules les adresses http:// et https:// peuvent être importées", rawURL)
	}
	if err != nil || u.Host == "" {
		return nil, fault.New(fault.Invalid, "adresse « %s » invalide : donnez un lien complet, comme https://data.exemple.fr/export.csv", rawURL)
	}
	if u.User != nil {
		return nil, fault.New(fault.Invalid, "adresse « %s » refusée : elle contient un identifiant ou un mot de passe", u.Redacted())
	}
	return u, nil
}

func (f *Fetcher) client() *http.Client {
	dialer := &net.Dialer{Timeout: 15 * time.Second, Control: f.control}
	tr := &http.Transport{
		Proxy:                 nil, // a proxy would be the address checked, not the server
		DialContext:           dialer.DialContext,
		TLSHandshakeTimeout:   15 * time.Second,
		ResponseHeaderTimeout: 30 * time.Second,
		MaxIdleConns:          1,
		DisableKeepAlives:     true,
	}
	return &http.Client{Transport: tr, CheckRedirect: func(req *http.Request, via []*http.Request) error {
		if len(via) > f.MaxRedirects {
			return fault.New(fault.Unprocessable, "trop de redirections (plus de %d) : donnez le lien final du fichier", f.MaxRedirects)
		}
		_, err := checkURL(req.URL.String())
		return err
	}}
}

// control runs for every connection, with the address actually dialled.
func (f *Fetcher) control(network, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return err
	}
	ip, err := netip.ParseAddr(host)
	if err != nil {
		return &refused{host: host}
	}
	ip = ip.Unmap()
	if !f.allowLoopback || !ip.IsLoopback() {
		if !Public(ip) {
			return &refused{host: host, ip: ip}
		}
	}
	return nil
}

// special holds ranges that are neither loopback nor private in netip's sense but must
// not be reached either.
var special = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),      // "this network"
	netip.MustParsePrefix("100.64.0.0/10"),  // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),   // IETF protocol assignments
	netip.MustParsePrefix("198.18.0.0/15"),  // benchmarking
	netip.MustParsePrefix("240.0.0.0/4"),    // reserved, and the broadcast address
	netip.MustParsePrefix("64:ff9b::/96"),   // NAT64: an IPv4 address in disguise
	netip.MustParsePrefix("64:ff9b:1::/48"), // local NAT64
	netip.MustParsePrefix("2002::/16"),      // 6to4: an IPv4 address in disguise
	netip.MustParsePrefix("fec0::/10"),      // deprecated site-local
}

// Public reports whether ip is an address on the public internet: not loopback, private
// (10/8, 172.16/12, 192.168/16, fc00::/7), link-local (169.254/16, where cloud metadata
// lives, and fe80::/10), multicast, unspecified or otherwise reserved.
func Public(ip netip.Addr) bool {
	ip = ip.Unmap()
	if !ip.IsValid() || ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() ||
		ip.IsLinkLocalMulticast() || ip.IsInterfaceLocalMulticast() || ip.IsMulticast() || ip.IsUnspecified() {
		return false
	}
	for _, p := range special {
		if p.Contains(ip) {
			return false
		}
	}
	return true
}

// fault turns a download error into a French message.
func (f *Fetcher) fault(u *url.URL, err error) error {
	var ref *refused
	var fe *fault.Error
	switch {
	case errors.As(err, &ref):
		return fault.New(fault.Invalid,
			"adresse refusée : %s mène à une adresse interne ou réservée (%s) ; atelier n'importe que depuis des serveurs publics", u.Host, ref.ip)
	case errors.As(err, &fe):
		return fe
	case errors.Is(err, context.DeadlineExceeded):
		return fault.New(fault.Unprocessable, "le téléchargement depuis %s a pris plus de %s : réessayez ou téléchargez le fichier vous-même", u.Host, f.Timeout)
	case errors.Is(err, context.Canceled):
		return err
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return fault.New(fault.Unprocessable, "le serveur %s est introuvable : vérifiez l'adresse", u.Hostname())
	}
	return fault.Wrap(fault.Unprocessable, err, "le fichier n'a pas pu être téléchargé depuis %s : %s", u.Host, shortError(err))
}

func shortError(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return err.Error()
}

// fileName is the answer's attachment name, else the last part of the address. It is a
// hint for the format and a label, never a path.
func fileName(resp *http.Response) string {
	if _, params, err := mime.ParseMediaType(resp.Header.Get("Content-Disposition")); err == nil && params["filename"] != "" {
		return path.Base(strings.ReplaceAll(params["filename"], `\`, "/"))
	}
	base := path.Base(resp.Request.URL.Path)
	if base == "/" || base == "." {
		base = resp.Request.URL.Hostname()
	}
	if !strings.Contains(base, ".") {
		if ct, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type")); ct != "" {
			switch {
			case strings.Contains(ct, "csv"):
				base += ".csv"
			case strings.Contains(ct, "json"):
				base += ".json"
			}
		}
	}
	return fmt.Sprint(base)
}
