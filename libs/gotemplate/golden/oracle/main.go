// Command oracle renders every case of golden/cases with Go's text/template,
// Sprig v3 and a mirror of Helm's engine functions, and writes the outputs
// (or error messages) to golden/expected. It is the reference the TypeScript
// engine is compared against; see ../regenerate.sh.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"text/template"

	"github.com/BurntSushi/toml"
	"github.com/Masterminds/sprig"
	"github.com/ghodss/yaml"
)

type testCase struct {
	Name      string
	Data      string
	Options   []string
	Template  string
}

type result struct {
	Output *string `json:"output,omitempty"`
	Error  *string `json:"error,omitempty"`
}

func parseCases(text string) []testCase {
	var cases []testCase
	var current *testCase
	var body []string
	flush := func() {
		if current != nil {
			current.Template = strings.Join(body, "\n")
			cases = append(cases, *current)
		}
	}
	scanner := bufio.NewScanner(strings.NewReader(text))
	scanner.Buffer(make([]byte, 1<<20), 1<<24)
	inHeader := false
	for scanner.Scan() {
		line := scanner.Text()
		switch {
		case inHeader && strings.HasPrefix(line, "### data: "):
			current.Data = strings.TrimPrefix(line, "### data: ")
		case inHeader && strings.HasPrefix(line, "### options: "):
			current.Options = strings.Fields(strings.TrimPrefix(line, "### options: "))
		case strings.HasPrefix(line, "### "):
			flush()
			current = &testCase{Name: strings.TrimPrefix(line, "### "), Data: "{}"}
			body = nil
			inHeader = true
		default:
			inHeader = false
			body = append(body, line)
		}
	}
	flush()
	return cases
}

func option(c testCase, key string) (string, bool) {
	for _, o := range c.Options {
		if o == key {
			return "", true
		}
		if strings.HasPrefix(o, key+"=") {
			return strings.TrimPrefix(o, key+"="), true
		}
	}
	return "", false
}

func plainFuncs(set string) template.FuncMap {
	switch set {
	case "go":
		return template.FuncMap{}
	case "applicationset":
		f := sprig.GenericFuncMap()
		delete(f, "env")
		delete(f, "expandenv")
		delete(f, "getHostByName")
		// Argo CD's additions (applicationset/utils); slugify needs gosimple/slug, which Debian lacks.
		f["normalize"] = sanitizeName
		f["toYaml"] = func(v interface{}) (string, error) {
			data, err := yaml.Marshal(v)
			if err != nil {
				return "", err
			}
			return strings.TrimSuffix(string(data), "\n"), nil
		}
		f["fromYaml"] = func(str string) (map[string]interface{}, error) {
			m := map[string]interface{}{}
			if err := yaml.Unmarshal([]byte(str), &m); err != nil {
				return nil, err
			}
			return m, nil
		}
		f["fromYamlArray"] = func(str string) ([]interface{}, error) {
			a := []interface{}{}
			if err := yaml.Unmarshal([]byte(str), &a); err != nil {
				return nil, err
			}
			return a, nil
		}
		return f
	}
	return sprig.TxtFuncMap()
}

func render(c testCase) (string, error) {
	var data interface{}
	if err := json.Unmarshal([]byte(c.Data), &data); err != nil {
		return "", fmt.Errorf("bad case data: %v", err)
	}
	name, ok := option(c, "name")
	if !ok {
		name = "template"
	}
	if _, helm := option(c, "helm"); helm {
		return renderHelm(name, c.Template, data)
	}
	missing, ok := option(c, "missingkey")
	if !ok {
		missing = "default"
	}
	set, _ := option(c, "funcs")
	t, err := template.New(name).Funcs(plainFuncs(set)).Option("missingkey=" + missing).Parse(c.Template)
	if err != nil {
		return "", err
	}
	var buf bytes.Buffer
	err = t.Execute(&buf, data)
	return buf.String(), err
}

var invalidDNSNameChars = regexp.MustCompile("[^-a-z0-9.]")

// sanitizeName mirrors Argo CD's normalize: lower-case, DNS characters only,
// at most 253 bytes, no leading or trailing '-' or '.'.
func sanitizeName(name string) string {
	name = invalidDNSNameChars.ReplaceAllString(strings.ToLower(name), "-")
	if len(name) > 253 {
		name = name[:253]
	}
	return strings.Trim(name, "-.")
}

// --- a mirror of helm.sh/helm/v3/pkg/engine (include, tpl, required, conversions) ---

const recursionMaxNums = 1000

var warnRegex = regexp.MustCompile(`HELM_ERR_START(.*)HELM_ERR_END`)

func includeFun(t *template.Template, includedNames map[string]int) func(string, interface{}) (string, error) {
	return func(name string, data interface{}) (string, error) {
		var buf strings.Builder
		if v, ok := includedNames[name]; ok {
			if v > recursionMaxNums {
				return "", fmt.Errorf("rendering template has a nested reference name: %s: %w", name, errors.New("unable to execute template"))
			}
			includedNames[name]++
		} else {
			includedNames[name] = 1
		}
		err := t.ExecuteTemplate(&buf, name, data)
		includedNames[name]--
		return buf.String(), err
	}
}

func tplFun(parent *template.Template, includedNames map[string]int) func(string, interface{}) (string, error) {
	return func(tpl string, vals interface{}) (string, error) {
		t, err := parent.Clone()
		if err != nil {
			return "", fmt.Errorf("cannot clone template: %w", err)
		}
		t.Option("missingkey=zero")
		t.Funcs(template.FuncMap{
			"include": includeFun(t, includedNames),
			"tpl":     tplFun(t, includedNames),
		})
		t, err = t.New(parent.Name()).Parse(tpl)
		if err != nil {
			return "", fmt.Errorf("cannot parse template %q: %w", tpl, err)
		}
		var buf strings.Builder
		if err := t.Execute(&buf, vals); err != nil {
			return "", fmt.Errorf("error during tpl function execution for %q: %w", tpl, err)
		}
		return strings.ReplaceAll(buf.String(), "<no value>", ""), nil
	}
}

func helmFuncs(t *template.Template) template.FuncMap {
	f := sprig.TxtFuncMap()
	delete(f, "env")
	delete(f, "expandenv")
	includedNames := map[string]int{}
	extra := template.FuncMap{
		"toToml": func(v interface{}) string {
			b := bytes.NewBuffer(nil)
			if err := toml.NewEncoder(b).Encode(v); err != nil {
				return err.Error()
			}
			return b.String()
		},
		"toYaml": func(v interface{}) string {
			data, err := yaml.Marshal(v)
			if err != nil {
				return ""
			}
			return strings.TrimSuffix(string(data), "\n")
		},
		"fromYaml": func(str string) map[string]interface{} {
			m := map[string]interface{}{}
			if err := yaml.Unmarshal([]byte(str), &m); err != nil {
				m["Error"] = err.Error()
			}
			return m
		},
		"fromYamlArray": func(str string) []interface{} {
			a := []interface{}{}
			if err := yaml.Unmarshal([]byte(str), &a); err != nil {
				a = []interface{}{err.Error()}
			}
			return a
		},
		"toJson": func(v interface{}) string {
			data, err := json.Marshal(v)
			if err != nil {
				return ""
			}
			return string(data)
		},
		"fromJson": func(str string) map[string]interface{} {
			m := make(map[string]interface{})
			if err := json.Unmarshal([]byte(str), &m); err != nil {
				m["Error"] = err.Error()
			}
			return m
		},
		"fromJsonArray": func(str string) []interface{} {
			a := []interface{}{}
			if err := json.Unmarshal([]byte(str), &a); err != nil {
				a = []interface{}{err.Error()}
			}
			return a
		},
		"lookup": func(string, string, string, string) (map[string]interface{}, error) {
			return map[string]interface{}{}, nil
		},
		"include": includeFun(t, includedNames),
		"tpl":     tplFun(t, includedNames),
		"required": func(warn string, val interface{}) (interface{}, error) {
			if val == nil {
				return val, errors.New("HELM_ERR_START" + warn + "HELM_ERR_END")
			} else if _, ok := val.(string); ok {
				if val == "" {
					return val, errors.New("HELM_ERR_START" + warn + "HELM_ERR_END")
				}
			}
			return val, nil
		},
	}
	for k, v := range extra {
		f[k] = v
	}
	return f
}

func renderHelm(name, text string, data interface{}) (string, error) {
	t := template.New("gotpl")
	t.Option("missingkey=zero")
	t.Funcs(helmFuncs(t))
	if _, err := t.New(name).Parse(text); err != nil {
		tokens := strings.Split(err.Error(), ": ")
		if len(tokens) == 1 {
			return "", fmt.Errorf("parse error in (%s): %s", name, err)
		}
		return "", fmt.Errorf("parse error at (%s): %s", tokens[1], tokens[len(tokens)-1])
	}
	if m, ok := data.(map[string]interface{}); ok {
		m["Template"] = map[string]interface{}{"Name": name, "BasePath": path.Dir(name)}
	}
	var buf strings.Builder
	if err := t.ExecuteTemplate(&buf, name, data); err != nil {
		if _, isExec := err.(template.ExecError); isExec {
			tokens := strings.SplitN(err.Error(), ": ", 3)
			if len(tokens) == 3 {
				if parts := warnRegex.FindStringSubmatch(tokens[2]); len(parts) >= 2 {
					return "", fmt.Errorf("execution error at (%s): %s", tokens[1], parts[1])
				}
			}
		}
		return "", err
	}
	return strings.ReplaceAll(buf.String(), "<no value>", ""), nil
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: oracle CASES_DIR EXPECTED_DIR")
		os.Exit(2)
	}
	files, _ := filepath.Glob(filepath.Join(os.Args[1], "*.txt"))
	sort.Strings(files)
	total := 0
	for _, file := range files {
		text, err := os.ReadFile(file)
		if err != nil {
			panic(err)
		}
		results := map[string]result{}
		for _, c := range parseCases(string(text)) {
			if _, dup := results[c.Name]; dup {
				panic("duplicate case name " + c.Name + " in " + file)
			}
			output, err := render(c)
			if err != nil {
				message := err.Error()
				results[c.Name] = result{Error: &message}
			} else {
				results[c.Name] = result{Output: &output}
			}
			total++
		}
		var buf bytes.Buffer
		encoder := json.NewEncoder(&buf)
		encoder.SetEscapeHTML(false)
		encoder.SetIndent("", "  ")
		if err := encoder.Encode(results); err != nil {
			panic(err)
		}
		out := filepath.Join(os.Args[2], strings.TrimSuffix(filepath.Base(file), ".txt")+".json")
		if err := os.WriteFile(out, buf.Bytes(), 0o644); err != nil {
			panic(err)
		}
	}
	fmt.Printf("%d cases rendered\n", total)
}
