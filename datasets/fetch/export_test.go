package fetch

// ForTests returns a Fetcher that may fetch from loopback, where httptest servers listen.
func ForTests(maxBytes int64) *Fetcher {
	f := New(maxBytes)
	f.allowLoopback = true
	return f
}
