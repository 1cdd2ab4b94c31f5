package report

import (
	"bytes"
	"encoding/json"
	"math"
	"reflect"
	"strings"

	"github.com/poold/poold/x/smartpool/risk"
)

// SummarySchema names the layout of summary.json; bump it when a field
// changes meaning or goes away.
const SummarySchema = "poold-risk-summary/v1"

type summaryDoc struct {
	Schema    string                 `json:"schema"`
	Seed      uint64                 `json:"seed"`
	Paths     int                    `json:"paths"`
	Scenarios []risk.ScenarioSummary `json:"scenarios"`
}

// SummaryJSON returns the bytes of summary.json for run: indented by two
// spaces, ending in a newline, and equal for equal runs. JSON has no NaN or
// infinity, so a non-finite figure (say the mean over paths that all broke)
// is written as null rather than failing the whole report.
func SummaryJSON(run risk.Run) ([]byte, error) {
	doc := summaryDoc{
		Schema:    SummarySchema,
		Seed:      run.Seed,
		Paths:     run.Paths,
		Scenarios: make([]risk.ScenarioSummary, len(run.Scenarios)),
	}
	for i, res := range run.Scenarios {
		doc.Scenarios[i] = res.Summary
	}
	out, err := json.MarshalIndent(jsonSafe(reflect.ValueOf(doc)), "", "  ")
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}

// jsonSafe copies v into values encoding/json can always encode, with the
// same output as encoding/json would give v except that non-finite floats
// become null and nil slices become []. Structs become ordered objects, so
// the fields keep their declared order (a map would sort them).
func jsonSafe(v reflect.Value) any {
	switch v.Kind() {
	case reflect.Invalid:
		return nil
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return jsonSafe(v.Elem())
	case reflect.Float32, reflect.Float64:
		f := v.Float()
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return nil
		}
		return v.Interface()
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
			return v.Interface() // []byte: base64, as encoding/json does
		}
		out := make([]any, v.Len())
		for i := range out {
			out[i] = jsonSafe(v.Index(i))
		}
		return out
	case reflect.Map:
		if v.IsNil() {
			return nil
		}
		out := make(map[string]any, v.Len())
		iter := v.MapRange()
		for iter.Next() {
			k, err := json.Marshal(iter.Key().Interface())
			if err != nil {
				continue
			}
			out[strings.Trim(string(k), `"`)] = jsonSafe(iter.Value())
		}
		return out // encoding/json sorts the keys
	case reflect.Struct:
		return structFields(v)
	default:
		return v.Interface()
	}
}

// orderedObject is a JSON object whose keys keep their order.
type orderedObject []objectField

type objectField struct {
	key   string
	value any
}

func structFields(v reflect.Value) orderedObject {
	t := v.Type()
	obj := orderedObject{}
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" && opts == "" {
			continue
		}
		fv := v.Field(i)
		if f.Anonymous && name == "" && fv.Kind() == reflect.Struct {
			obj = append(obj, structFields(fv)...) // promoted, as encoding/json does
			continue
		}
		if name == "" {
			name = f.Name
		}
		if strings.Contains(","+opts+",", ",omitempty,") && isEmpty(fv) {
			continue
		}
		obj = append(obj, objectField{key: name, value: jsonSafe(fv)})
	}
	return obj
}

// MarshalJSON writes the fields in order; MarshalIndent re-indents it.
func (o orderedObject) MarshalJSON() ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, f := range o {
		if i > 0 {
			buf.WriteByte(',')
		}
		k, err := json.Marshal(f.key)
		if err != nil {
			return nil, err
		}
		buf.Write(k)
		buf.WriteByte(':')
		val, err := json.Marshal(f.value)
		if err != nil {
			return nil, err
		}
		buf.Write(val)
	}
	buf.WriteByte('}')
	return buf.Bytes(), nil
}

// isEmpty is encoding/json's test for omitempty.
func isEmpty(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.Array, reflect.Map, reflect.Slice, reflect.String:
		return v.Len() == 0
	case reflect.Pointer, reflect.Interface:
		return v.IsNil()
	case reflect.Struct:
		return false
	default:
		return v.IsZero()
	}
}
