package cli

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"os"
	"path"
	"sort"
	"strings"

	"sigs.k8s.io/yaml"

	"github.com/poold/poold/x/smartpool/risk"
	"github.com/poold/poold/x/smartpool/types"
)

// The built-in stress scenarios, one YAML file each: also templates for
// users' own (`poold risk scenarios --show NAME`).
//
//go:embed riskscenarios/*.yaml
var builtinScenarios embed.FS

// scenarioFile is a scenario file: a risk.Scenario plus its pool, given as
// a create-pool pool file.
type scenarioFile struct {
	risk.Scenario
	Pool json.RawMessage `json:"pool"`
}

// ParseScenario reads a scenario from YAML (or JSON). Unknown fields are
// errors, so a misspelt setting never silently falls back to a default.
func ParseScenario(bz []byte) (risk.Scenario, error) {
	js, err := yaml.YAMLToJSON(bz)
	if err != nil {
		return risk.Scenario{}, fmt.Errorf("not valid YAML: %w", err)
	}
	var f scenarioFile
	dec := json.NewDecoder(bytes.NewReader(js))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return risk.Scenario{}, fmt.Errorf("not a scenario: %w", err)
	}
	if len(f.Pool) == 0 || string(f.Pool) == "null" {
		return risk.Scenario{}, fmt.Errorf("scenario %q has no pool", f.Name)
	}
	sc := f.Scenario
	if sc.Pool, err = ParsePoolFile(f.Pool, risk.Start); err != nil {
		return risk.Scenario{}, fmt.Errorf("scenario %q: pool: %w", f.Name, err)
	}
	sc.Params = types.DefaultParams()
	return sc, nil
}

// LoadScenarioFile reads a scenario file.
func LoadScenarioFile(name string) (risk.Scenario, error) {
	bz, err := os.ReadFile(name)
	if err != nil {
		return risk.Scenario{}, err
	}
	sc, err := ParseScenario(bz)
	if err != nil {
		return risk.Scenario{}, fmt.Errorf("%s: %w", name, err)
	}
	return sc, nil
}

// BuiltinScenarioNames lists the built-in scenarios, sorted.
func BuiltinScenarioNames() []string {
	entries, _ := builtinScenarios.ReadDir("riskscenarios")
	var names []string
	for _, e := range entries {
		names = append(names, strings.TrimSuffix(e.Name(), ".yaml"))
	}
	sort.Strings(names)
	return names
}

// BuiltinScenarioYAML is a built-in scenario's file.
func BuiltinScenarioYAML(name string) ([]byte, error) {
	bz, err := builtinScenarios.ReadFile(path.Join("riskscenarios", name+".yaml"))
	if err != nil {
		return nil, fmt.Errorf("no built-in scenario %q; there are: %s", name, strings.Join(BuiltinScenarioNames(), ", "))
	}
	return bz, nil
}

// BuiltinScenario parses a built-in scenario.
func BuiltinScenario(name string) (risk.Scenario, error) {
	bz, err := BuiltinScenarioYAML(name)
	if err != nil {
		return risk.Scenario{}, err
	}
	sc, err := ParseScenario(bz)
	if err != nil {
		return risk.Scenario{}, fmt.Errorf("built-in %s: %w", name, err)
	}
	return sc, nil
}
