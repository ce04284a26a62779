package server

// FastPathCounts returns how many requests the fast path answered and how
// many it handed to net/http, process-wide.
func FastPathCounts() (answered, handed uint64) {
	return fastAnswered.Get(), fastHanded.Get()
}
