// Private: the rules' JSON documents as values, for the writers of the modules built on them (a
// report that holds evaluations writes them without parsing the text of to_json()).
#pragma once

#include <vector>

#include "core/json_text.hpp"
#include "kanten/rules/evaluate.hpp"

namespace kanten::inline v1 {

/// The evaluations as a JSON array (to_json(es) is {"evaluations": this}).
json_text::ojson evaluations_ojson(const std::vector<Evaluation>& es);
/// The follow-up worklist's document (to_json(w, as_of)).
json_text::ojson worklist_ojson(const std::vector<WorklistEntry>& w, Date as_of);

}  // namespace kanten::inline v1
