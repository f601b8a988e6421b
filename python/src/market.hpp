// python/src/market.hpp — the market object the match and synth bindings share.
#pragma once

#include "common.hpp"

#include "kanten/match/matching.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_map>

namespace kanten_py {

/// A market with its citizens' and tasks' ids indexed.
struct MarketData {
  k::Market market;
  std::unordered_map<std::string, std::int32_t> citizen_index, task_index;

  void index() {
    citizen_index.clear();
    task_index.clear();
    for (std::size_t i = 0; i < market.citizens.size(); ++i) citizen_index.emplace(market.citizens[i].id, static_cast<std::int32_t>(i));
    for (std::size_t i = 0; i < market.tasks.size(); ++i) task_index.emplace(market.tasks[i].id, static_cast<std::int32_t>(i));
  }
};
using MarketPtr = std::shared_ptr<MarketData>;

}  // namespace kanten_py

KANTEN_PY_NOT_NONE(kanten_py::MarketData)

namespace kanten_py {

/// A market object of `m`, indexed.
inline MarketPtr make_market(k::Market m) {
  auto d = std::make_shared<MarketData>();
  d->market = std::move(m);
  d->index();
  return d;
}

}  // namespace kanten_py
