// Private: the rules' JSON documents as text, for the writers of the modules built on them (a
// report that holds evaluations, the writers that write cases and evaluations as they come).
// Each appends one document to `out` as the whole document's printer writes it `depth` levels
// deep (compact for indent < 0; core/json_out.hpp): a case inside {"cases": [...]} is at depth 2.
// The indent is not checked here (check_indent is the caller's).
#pragma once

#include <string>
#include <vector>

#include "kanten/rules/evaluate.hpp"

namespace kanten::inline v1 {

/// A case's document (to_json(c)).
void append_case_json(std::string& out, const Case& c, int indent, int depth);
/// An evaluation's document (to_json(e)).
void append_evaluation_json(std::string& out, const Evaluation& e, int indent, int depth);
/// The follow-up worklist's document (to_json(list, as_of)).
void append_worklist_json(std::string& out, const std::vector<WorklistEntry>& list, Date as_of, int indent,
                          int depth);

}  // namespace kanten::inline v1
