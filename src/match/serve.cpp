// The persistent matcher's query stream (`kanten match serve`, kanten/match/index.hpp,
// docs/matching.md "The persistent matcher and the query stream"): one JSON object a line in,
// one JSON line out. Citizens, companies and tasks are read by the market reader's own
// per-object code and matches written by the proposal writer's (json.cpp), so a stream's objects
// and answers are those of a market file and of `kanten match --citizen` / `--task`.
#include "kanten/match/index.hpp"

#include "core/json_text.hpp"
#include "match/json_writers.hpp"
#include "match/market_document.hpp"

#include "kanten/core/error.hpp"
#include "kanten/core/input.hpp"

#include <array>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace kanten::inline v1 {
namespace {

using namespace json_text;

/// The requests a line may make, one a line.
constexpr std::array<std::string_view, 10> k_requests{"top_tasks",      "top_citizens",   "upsert_citizen", "upsert_task",
                                                      "upsert_company", "remove_citizen", "remove_task",    "remove_company",
                                                      "set_capacity",   "set_slots"};

constexpr std::int64_t int32_max = std::numeric_limits<std::int32_t>::max();

/// The request of `doc`: the one member named in k_requests; an error for none (naming a
/// misspelt request, "did you mean …") or two.
std::string_view request_of(const json& doc, const ReadContext& strict) {
  std::string_view found;
  for (auto key : k_requests) {
    if (!member(doc, std::string(key).c_str())) continue;
    if (!found.empty())
      throw Error(Errc::invalid_input, std::string(key), "",
                  "one request a line: this line also asks " + std::string(found));
    found = key;
  }
  if (found.empty()) {
    for (auto key : k_requests)  // a request given as null names itself (null counts as absent elsewhere)
      if (auto it = doc.find(std::string(key)); it != doc.end() && it->is_null())
        throw Error(Errc::invalid_input, std::string(key), "null", "is null: the request needs its value");
    std::vector<std::string_view> names(k_requests.begin(), k_requests.end());
    names.insert(names.end(), {"id", "k", "per_company", "explain"});
    strict.check_fields(doc, "", names);
    throw Error(Errc::invalid_input, "", "",
                "the line asks for nothing: give one of top_tasks, top_citizens, upsert_citizen, upsert_task, "
                "upsert_company, remove_citizen, remove_task, remove_company, set_capacity, set_slots");
  }
  return found;
}

/// An id the index must know, at `field`; kanten::Error(invalid_input) naming the field otherwise.
std::int32_t known(std::int32_t index, const std::string& field, const std::string& id, const char* what) {
  if (index < 0) throw unknown_id(Errc::invalid_input, field, id, std::string("the market has no ") + what + " with this id");
  return index;
}

/// Answers the request of `doc` into `out` (which may already hold the request's "id").
void answer(Matcher& index, const json& doc, const ReadOptions& options, ojson& out) {
  std::vector<InputWarning> warnings;
  const ReadContext objects{options, warnings};  // a market's objects: unknown fields are warnings
  ReadOptions strict = options;
  strict.strict = true;
  std::vector<InputWarning> none;
  const ReadContext request_fields{strict, none};  // the request's own fields: a typo is an error
  const std::string_view request = request_of(doc, request_fields);
  const std::string key(request);
  const Fields f(doc, "");
  (void)f.get("id");  // read by the caller

  if (request == "top_tasks" || request == "top_citizens") {
    const std::string id = f.id(key.c_str(), "the id of a citizen or task");
    const auto k = static_cast<std::int32_t>(f.whole("k", 1, int32_max).value_or(10));
    const auto per_company =
        request == "top_tasks" ? static_cast<std::int32_t>(f.whole("per_company", 1, int32_max).value_or(1)) : 1;
    bool explain = true;
    flag_member(doc, "explain", "", explain);
    (void)f.get("explain");
    f.check_unknown(request_fields);
    const Market& m = index.market();
    out["weights_version"] = index.weights().version;
    if (request == "top_tasks") {
      known(index.citizen_index(id), key, id, "citizen");
      const auto top = index.top_tasks(id, k, per_company, explain);
      out["citizen"] = id;
      out["k"] = k;
      out["per_company"] = per_company;
      out["matches"] = matches_ojson(top, m);
    } else {
      const std::int32_t t = known(index.task_index(id), key, id, "task");
      const auto top = index.top_citizens(id, k, explain);
      out["task"] = id;
      out["company"] = m.tasks[static_cast<std::size_t>(t)].company;
      out["k"] = k;
      out["matches"] = matches_ojson(top, m);
    }
    return;
  }

  const json& value = *f.get(key.c_str());
  f.check_unknown(request_fields);
  out["done"] = key;
  if (request == "upsert_citizen") {
    Citizen c = read_market_citizen(value, key, objects);
    for (std::size_t v = 0; v < c.visited_companies.size(); ++v)
      known(index.company_index(c.visited_companies[v]), key + ".visited_companies[" + std::to_string(v) + "]",
            c.visited_companies[v], "company");
    out["citizen"] = c.id;
    index.upsert_citizen(std::move(c));
  } else if (request == "upsert_task") {
    Task t = read_market_task(value, key, objects);
    known(index.company_index(t.company), key + ".company", t.company, "company");
    out["task"] = t.id;
    index.upsert_task(std::move(t));
  } else if (request == "upsert_company") {
    Company c = read_market_company(value, key, objects);
    out["company"] = c.id;
    index.upsert_company(std::move(c));
  } else if (request == "remove_citizen" || request == "remove_task" || request == "remove_company") {
    const std::string id = f.id(key.c_str(), "the id to remove");
    const std::string what = key.substr(7);  // "citizen", "task", "company"
    if (what == "citizen") {
      known(index.citizen_index(id), key, id, "citizen");
      index.remove_citizen(id);
    } else if (what == "task") {
      known(index.task_index(id), key, id, "task");
      index.remove_task(id);
    } else {
      known(index.company_index(id), key, id, "company");
      index.remove_company(id);
    }
    out[what] = id;
  } else {  // set_capacity, set_slots
    const bool capacity = request == "set_capacity";
    if (!value.is_object())
      invalid(key, value,
              std::string("must be an object ") +
                  (capacity ? "{\"company\": \"<id>\", \"capacity\": 3}" : "{\"task\": \"<id>\", \"slots\": 2}") + ", not " +
                  a_type(value));
    const Fields g(value, key);
    const char* what = capacity ? "company" : "task";
    const char* number = capacity ? "capacity" : "slots";
    const std::string id = g.id(what, std::string("the ") + what + "'s id");
    const auto n = g.whole(number, 0, int32_max);
    if (!n) throw Error(Errc::invalid_input, g.path(number), "", std::string("missing: the new ") + number);
    g.check_unknown(request_fields);
    if (capacity) {
      known(index.company_index(id), key + ".company", id, "company");
      index.set_capacity(id, static_cast<std::int32_t>(*n));
    } else {
      known(index.task_index(id), key + ".task", id, "task");
      index.set_slots(id, static_cast<std::int32_t>(*n));
    }
    out[what] = id;
    out[number] = *n;
  }
  if (!warnings.empty()) out["warnings"] = warnings_json(warnings);
}

}  // namespace

std::string serve_json_line(Matcher& index, std::string_view line, const ReadOptions& options) {
  ojson out;
  try {
    const json doc = parse_document(line, options.max_bytes);
    if (!doc.is_object())
      invalid("", doc, "a request must be a JSON object, e.g. {\"top_tasks\": \"<citizen id>\", \"k\": 10}, not " + a_type(doc));
    if (const json* id = member(doc, "id")) {
      if (id->is_string())
        out["id"] = id->get<std::string>();
      else if (id->is_number_integer())
        out["id"] = id->is_number_unsigned() ? ojson(id->get<std::uint64_t>()) : ojson(id->get<std::int64_t>());
      else
        invalid("id", *id, "a request's id must be a string or a whole number, not " + a_type(*id));
    }
    answer(index, doc, options, out);
  } catch (const Error& e) {
    ojson error;
    error["code"] = str(name(e.code()));
    error["field"] = e.field();
    error["value"] = e.value();
    error["message"] = e.message();
    ojson err;
    if (out.contains("id")) err["id"] = out["id"];
    err["error"] = std::move(error);
    return dump(err, -1);
  } catch (const std::exception& e) {
    ojson error;
    error["code"] = str(name(Errc::invalid_input));
    error["field"] = "";
    error["value"] = "";
    error["message"] = std::string("the request could not be answered: ") + e.what();
    ojson err;
    if (out.contains("id")) err["id"] = out["id"];
    err["error"] = std::move(error);
    return dump(err, -1);
  }
  return dump(out, -1);
}

}  // namespace kanten::inline v1
