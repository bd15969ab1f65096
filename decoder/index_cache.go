package decoder

// The message cache: the inflated data of the messages materialized last.

// msgCache keeps the data of the messages materialized last, up to limit
// bytes, dropping the least recently used first.
type msgCache struct {
	limit, size int
	tick        int
	entries     map[int]*cacheEntry
}

type cacheEntry struct {
	data []byte
	used int
}

// cacheLimit bounds the inflated data the index keeps.
const cacheLimit = 64 << 20

func (c *msgCache) get(k int) ([]byte, bool) {
	e, ok := c.entries[k]
	if !ok {
		return nil, false
	}
	c.tick++
	e.used = c.tick
	return e.data, true
}

func (c *msgCache) put(k int, data []byte) {
	if len(data) > c.limit || len(data) < 4<<10 {
		return // too big to keep, or cheap to make again
	}
	if c.entries == nil {
		c.entries = map[int]*cacheEntry{}
	}
	for c.size+len(data) > c.limit {
		old, oldest := -1, 0
		for key, e := range c.entries {
			if old < 0 || e.used < oldest {
				old, oldest = key, e.used
			}
		}
		c.size -= len(c.entries[old].data)
		delete(c.entries, old)
	}
	c.tick++
	c.entries[k] = &cacheEntry{data, c.tick}
	c.size += len(data)
}
