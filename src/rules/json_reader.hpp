// Private: the whole-document JSON reader's case rules, for the streaming reader
// (src/rules/stream.cpp), which hands it every case its fast path does not take as plainly valid.
#pragma once

#include "kanten/core/input.hpp"
#include "kanten/rules/events.hpp"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kanten::inline v1::detail {

/// One case from the JSON text of a case object, read at `path` ("cases[3]") with every rule of
/// case_from_json. On a syntax error `error_byte`, when given, gets the offset in `text`.
Case read_case_text(std::string_view text, const std::string& path, const ReadOptions& options,
                    std::size_t* error_byte = nullptr);

/// The warnings (or, strict, the error) for the members `keys` of a {"cases": [...]} document
/// other than "cases", as read_caseload reports them.
void check_caseload_fields(const std::vector<std::string>& keys, const ReadOptions& options,
                           std::vector<InputWarning>& warnings);

}  // namespace kanten::inline v1::detail
