package risk

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// The engine runs the chain's pool code without the chain: of this
// repository it imports the pool math and the types, never the keeper.
func TestEngineImportsOnlyPoolmathAndTypes(t *testing.T) {
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	allowed := map[string]bool{
		"github.com/poold/poold/x/smartpool/poolmath": true,
		"github.com/poold/poold/x/smartpool/types":    true,
	}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ImportsOnly)
		require.NoError(t, err)
		for _, imp := range f.Imports {
			path, err := strconv.Unquote(imp.Path.Value)
			require.NoError(t, err)
			if strings.HasPrefix(path, "github.com/poold/poold/") {
				require.True(t, allowed[path], "%s imports %s", name, path)
			}
		}
	}
}
