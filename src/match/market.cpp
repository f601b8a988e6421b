// One check of a market's ids: unique citizens, companies and tasks.
#include "kanten/core/error.hpp"
#include "kanten/match/matching.hpp"

#include <string>
#include <string_view>
#include <unordered_map>

namespace kanten::inline v1 {

namespace {
template <class T>
void check_side(const std::vector<T>& items, const char* side, const char* what) {
  std::unordered_map<std::string_view, std::size_t> first;
  first.reserve(items.size());
  for (std::size_t i = 0; i < items.size(); ++i)
    if (const auto [it, fresh] = first.try_emplace(items[i].id, i); !fresh)
      throw Error(Errc::invalid_input, std::string(side) + "[" + std::to_string(i) + "].id", items[i].id,
                  std::string("duplicate ") + what + " id: first at " + side + "[" + std::to_string(it->second) + "]");
}
}  // namespace

void check_unique_ids(const Market& m) {
  check_side(m.citizens, "citizens", "citizen");
  check_side(m.companies, "companies", "company");
  check_side(m.tasks, "tasks", "task");
}

}  // namespace kanten::inline v1
