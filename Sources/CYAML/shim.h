// The system libyaml (Debian: libyaml-dev), the reference YAML 1.1 parser.
// zhengdun reads its event stream directly so that every node, including every
// mapping key, keeps its line and column, and duplicate keys can be reported
// together with every other problem in a file.
#include <yaml.h>
