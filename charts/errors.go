package charts

import (
	"fmt"

	"atelier/internal/fault"
)

// Error is a mistake in a chart block, located by its line in the block (the first line
// after the opening fence is line 1), so the editor can underline it.
type Error struct {
	Line int    // 0 when the mistake is about the block as a whole
	Key  string // the key concerned, or ""
	Msg  string // French, without the line
}

// Error renders « ligne 4 : … ».
func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("ligne %d : %s", e.Line, e.Msg)
	}
	return e.Msg
}

// blockErr returns the fault for a mistake at line of the block.
func blockErr(line int, key, format string, args ...any) error {
	e := &Error{Line: line, Key: key, Msg: fmt.Sprintf(format, args...)}
	return &fault.Error{Kind: fault.Invalid, Message: e.Error(), Err: e}
}
