package domain

// Category is a category of consultative status under resolution 1996/31
// (paras 22-24): General, Special or Roster.
type Category string

// The three categories. The empty Category means none is held or asked.
const (
	CategoryNone    Category = ""
	CategoryGeneral Category = "GENERAL"
	CategorySpecial Category = "SPECIAL"
	CategoryRoster  Category = "ROSTER"
)

// Valid reports whether c is one of the three categories.
func (c Category) Valid() bool {
	return c == CategoryGeneral || c == CategorySpecial || c == CategoryRoster
}

// Reports says whether organizations in the category file quadrennial
// reports: General and Special do, Roster never does (resolution 1996/31
// para 61(c); ecosoc.un.org/es/node/13236, csonet.org menu=99).
func (c Category) Reports() bool { return c == CategoryGeneral || c == CategorySpecial }
