package web

import (
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
)

// The address residents type or scan in the meeting room is never the Host header of the
// presenter's browser: on the laptop that is 127.0.0.1, which no phone can reach. It is the
// public URL the server was given, else one of the machine's LAN addresses when the server
// listens on all interfaces; when it listens on loopback only, the presenter view says that
// phones cannot join and how to start atelier so that they can.

// Room is how the phones in the room reach this server.
type Room struct {
	// PublicURL is `atelier serve -public-url` (e.g. https://atelier.ville.fr), without a
	// trailing slash; it wins over everything else.
	PublicURL string
	// LAN are the base addresses (http://192.168.1.20:8080) of the machine's interfaces
	// that are up and not loopback, when the server listens on all of them; the presenter
	// picks one when there are several.
	LAN []string
	// Local is the loopback base address the server listens on, when that is all it
	// listens on: the laptop reaches it, phones do not.
	Local string
}

// RoomFor works out the room's addresses from the -public-url flag and the address the
// server listens on (its real port, after :0 is resolved).
func RoomFor(publicURL string, listen net.Addr) Room {
	if publicURL != "" {
		return Room{PublicURL: strings.TrimRight(publicURL, "/")}
	}
	tcp, ok := listen.(*net.TCPAddr)
	if !ok {
		return Room{}
	}
	port := strconv.Itoa(tcp.Port)
	ip, _ := netip.AddrFromSlice(tcp.IP)
	ip = ip.Unmap()
	switch {
	case !ip.IsValid() || ip.IsUnspecified():
		if lan := lanAddresses(port); len(lan) > 0 {
			return Room{LAN: lan}
		}
		// No network at all (Wi-Fi off): only this machine can come.
		return Room{Local: "http://" + net.JoinHostPort("127.0.0.1", port)}
	case ip.IsLoopback():
		return Room{Local: "http://" + net.JoinHostPort(ip.String(), port)}
	default: // one interface named on -addr: that is where phones come
		return Room{LAN: []string{"http://" + net.JoinHostPort(ip.String(), port)}}
	}
}

// lanAddresses lists the machine's non-loopback addresses of interfaces that are up: IPv4
// first (what phones on a hotspot get), then global IPv6; link-local addresses need a zone
// that a phone cannot type.
func lanAddresses(port string) []string {
	ifaces, err := net.Interfaces()
	if err != nil {
		return nil
	}
	var v4, v6 []string
	for _, ifc := range ifaces {
		if ifc.Flags&net.FlagUp == 0 || ifc.Flags&net.FlagLoopback != 0 {
			continue
		}
		addrs, _ := ifc.Addrs()
		for _, a := range addrs {
			n, ok := a.(*net.IPNet)
			if !ok {
				continue
			}
			ip, _ := netip.AddrFromSlice(n.IP)
			ip = ip.Unmap()
			if !ip.IsValid() || ip.IsLoopback() || ip.IsLinkLocalUnicast() || ip.IsMulticast() {
				continue
			}
			base := "http://" + net.JoinHostPort(ip.String(), port)
			if ip.Is4() {
				v4 = append(v4, base)
			} else {
				v6 = append(v6, base)
			}
		}
	}
	return append(v4, v6...)
}

// roomBase is the base address to give residents: the public URL, else the LAN address the
// presenter picked (?adresse=N, from 1), else the first, else the loopback address. A server
// built without a Room (tests, embedding) falls back on the request's own host.
func (s *Server) roomBase(r *http.Request) string {
	switch {
	case s.room.PublicURL != "":
		return s.room.PublicURL
	case len(s.room.LAN) > 0:
		return s.room.LAN[s.roomPick(r)]
	case s.room.Local != "":
		return s.room.Local
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// roomPick is the index of the LAN address the presenter chose, 0 by default.
func (s *Server) roomPick(r *http.Request) int {
	n, err := strconv.Atoi(r.URL.Query().Get("adresse"))
	if err != nil || n < 1 || n > len(s.room.LAN) {
		return 0
	}
	return n - 1
}

// phonesCannotJoin reports that the server listens on loopback only and has no public URL.
func (s *Server) phonesCannotJoin() bool {
	return s.room.PublicURL == "" && len(s.room.LAN) == 0 && s.room.Local != ""
}
