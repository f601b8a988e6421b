// kanten — optimal capacitated assignment: cost-scaling push–relabel on the layered network
//   left (supply 1) → right (cap slots) → group (cap capacity) → sink T, plus a bypass left → T
// (cost 0) so that a left node may stay unassigned.
//
// Conventions: reduced cost c_p(v,w) = c(v,w) − p(v) + p(w); an arc is admissible when its reduced
// cost is negative; relabelling raises a price to min over residual arcs (c + p(w)) + ε. Costs of
// left→right arcs are −score·M with M = node count + 1, so the final 1-optimal flow is optimal
// (a residual cycle has at most node-count arcs, so its scaled cost is > −M, hence >= 0).
//
// Specialisation to the layers:
//  * A left node carries at most one unit, so its flow is "which arc" (asg_). Its discharge is an
//    auction bid (CSA double push): push along the cheapest arc, then raise the price to the
//    runner-up + ε. Quick minima cache the best arcs per left node between full scans.
//  * The reverse residual arcs of a right node are its assigned left nodes (an intrusive list);
//    after evicting one, the right node's price is raised to what its remaining arcs allow.
//  * A group's reverse arcs are its right nodes with flow. A group relabel "looks through" its
//    right nodes: it first raises them to their eviction values, so a unit pushed back evicts a
//    left node at once instead of bouncing between group and right node ε by ε.
//  * The sink is an ordinary node (its price moves); its reverse arcs (bypassed left nodes, groups
//    with flow) sit in a lazy min-heap, valid because prices only rise within a phase.
//  * Between phases the flow is kept: middle prices are moved into the band their arcs allow,
//    left prices are re-fitted (a left node keeps its arc if some price makes all its arcs
//    ε-optimal), and an unassigned left node's unit is cancelled along right → group → sink when
//    that keeps the freed arcs ε-optimal (otherwise the right node keeps a deficit that the sink
//    resolves by pushing back).
// Early proof: scores are small integers, so the flow is usually optimal long before ε reaches 1.
// Once ε <= M/16, each phase ends with a label-correcting shortest-path pass over the residual
// network on the current reduced costs (FIFO Bellman–Ford, with a work budget). If it converges,
// the residual network has no negative cycle and the flow is optimal: the solver stops. If it
// does not converge within the budget, scaling simply goes on down to ε = 1 (the classic proof).
// The first phase starts at ε = M (one score unit) when scores span at most 256 units, as the
// matching engine's do; wider ranges start at the largest cost / α (a cold start at one unit
// would fight long price wars there).
// Independent parts: the network is split into its connected components (bundled into parts of
// about 1/16 of the arcs), each solved by its own solver, on several threads when asked. The split
// depends on the instance only; within a part everything is sequential and every tie is broken by
// position (lower id first): deterministic, whatever the thread count.

#include "kanten/bipartite/assignment.hpp"

#include <algorithm>
#include <functional>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>
#include <utility>

#include "bipartite/solve.hpp"
#include "core/huge.hpp"
#include "core/parallel.hpp"
#include "kanten/core/error.hpp"

namespace kanten::inline v1::bipartite {

using kanten::detail::big_vector;

namespace {

constexpr std::int32_t k_none = -1;    // left node holds its unit (active)
constexpr std::int32_t k_bypass = -2;  // left node sends its unit to the sink: unassigned
constexpr std::int64_t k_inf = std::numeric_limits<std::int64_t>::max() / 4;
constexpr int k_cache = 3;  // arcs remembered per left node between full scans

/// The field name of element `index` of the instance's member `member`, e.g. "edges[7]".
std::string indexed(const char* member, std::size_t index) {
  return std::string(member) + "[" + std::to_string(index) + "]";
}

/// check_assignment on an instance already validated.
AssignmentResult check_valid(const Instance& inst, std::span<const Edge> edges,
                             std::span<const std::int32_t> right_of_left);

/// An edge the network can use: positive score, a right node with a slot, a group with capacity.
bool usable(const Instance& inst, const Edge& x) {
  return x.score > 0 && inst.right_slots[x.right] > 0 && inst.group_capacity[inst.right_group[x.right]] > 0;
}

/// The usable edges of each left node, without copying them. Edges grouped by left (as candidates()
/// writes them) are read in place (positions are edge ids, unusable ones skipped on reading);
/// otherwise a counting sort lists the usable edge ids by left.
struct EdgeLists {
  bool grouped = false;
  std::vector<std::int32_t> cnt;   ///< per left i: positions [cnt[i], cnt[i + 1])
  big_vector<std::int32_t> order;  ///< usable edge ids by left (empty when grouped)
  [[nodiscard]] std::int32_t edge_at(std::int32_t p) const { return grouped ? p : order[p]; }
};

EdgeLists list_edges(const Instance& inst, std::span<const Edge> ed) {
  if (ed.size() >= static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()))
    throw Error(Errc::invalid_argument, "edges", std::to_string(ed.size()), "too many edges (limit 2^31-2)");
  EdgeLists el;
  el.grouped = std::is_sorted(ed.begin(), ed.end(), [](const Edge& a, const Edge& b) { return a.left < b.left; });
  el.cnt.assign(static_cast<std::size_t>(inst.num_left) + 1, 0);
  for (const auto& x : ed)
    if (el.grouped || usable(inst, x)) ++el.cnt[x.left + 1];
  for (std::int32_t i = 0; i < inst.num_left; ++i) el.cnt[i + 1] += el.cnt[i];
  if (!el.grouped) {
    el.order.resize(static_cast<std::size_t>(el.cnt[inst.num_left]));
    std::vector<std::int32_t> pos(el.cnt.begin(), el.cnt.end() - 1);
    for (std::size_t k = 0; k < ed.size(); ++k)
      if (usable(inst, ed[k])) el.order[pos[ed[k].left]++] = static_cast<std::int32_t>(k);
  }
  return el;
}

/// Independent parts of the network: unions of its connected components (left–right by a usable
/// edge, right–group by membership). A component's optimum does not depend on the others, so
/// the parts are solved separately, on several threads when asked. Small components are bundled
/// into parts of about 1/16 of the arcs, in order of their lowest left id; the split depends on
/// the instance alone, never on the thread count, so the result does not either.
struct Part {
  std::vector<std::int32_t> lefts, rights, groups;  ///< global ids, ascending
  std::int64_t arcs = 0;                            ///< usable edges of its left nodes
};

struct Partition {
  std::vector<Part> parts;
  std::vector<std::int32_t> local_right;  ///< global right → its index in its part's rights (-1: no usable edge)
  std::vector<std::int32_t> local_group;  ///< global group → its index in its part's groups (-1: none)
};

Partition split_parts(const Instance& inst, std::span<const Edge> edges, const EdgeLists& el) {
  const std::int32_t nl = inst.num_left, nr = inst.num_right(), ng = inst.num_groups();
  std::vector<std::int32_t> up(static_cast<std::size_t>(nl) + nr + ng);
  std::iota(up.begin(), up.end(), 0);
  auto find = [&](std::int32_t v) {
    while (up[v] != v) v = up[v] = up[up[v]];  // path halving
    return v;
  };
  auto unite = [&](std::int32_t a, std::int32_t b) {
    a = find(a), b = find(b);
    if (a != b) up[std::max(a, b)] = std::min(a, b);
  };
  std::vector<std::int32_t> arcs_of_left(static_cast<std::size_t>(nl), 0);
  std::vector<std::uint8_t> right_used(static_cast<std::size_t>(nr), 0);
  for (std::int32_t i = 0; i < nl; ++i)
    for (std::int32_t p = el.cnt[i]; p < el.cnt[i + 1]; ++p) {
      const Edge& x = edges[el.edge_at(p)];
      if (el.grouped && !usable(inst, x)) continue;
      ++arcs_of_left[i];
      right_used[x.right] = 1;
      unite(i, nl + x.right);
    }
  for (std::int32_t j = 0; j < nr; ++j)
    if (right_used[j]) unite(nl + j, nl + nr + inst.right_group[j]);
  // Components numbered by their lowest left id, packed into parts in that order.
  std::vector<std::int32_t> comp(up.size(), -1);
  std::vector<std::int64_t> comp_arcs;
  std::int64_t total = 0;
  for (std::int32_t i = 0; i < nl; ++i) {
    if (arcs_of_left[i] == 0) continue;
    const std::int32_t r = find(i);
    if (comp[r] < 0) {
      comp[r] = static_cast<std::int32_t>(comp_arcs.size());
      comp_arcs.push_back(0);
    }
    comp_arcs[comp[r]] += arcs_of_left[i];
    total += arcs_of_left[i];
  }
  const std::int64_t target = std::max<std::int64_t>(total / 16, 1 << 15);
  std::vector<std::int32_t> part_of(comp_arcs.size());
  Partition out;
  std::int64_t filled = target;
  for (std::size_t c = 0; c < comp_arcs.size(); ++c) {
    if (filled >= target) {
      out.parts.emplace_back();
      filled = 0;
    }
    part_of[c] = static_cast<std::int32_t>(out.parts.size()) - 1;
    filled += comp_arcs[c];
    out.parts.back().arcs += comp_arcs[c];
  }
  auto part_at = [&](std::int32_t v) -> Part* {
    const std::int32_t c = comp[find(v)];
    return c < 0 ? nullptr : &out.parts[part_of[c]];
  };
  for (std::int32_t i = 0; i < nl; ++i)
    if (arcs_of_left[i] > 0) part_at(i)->lefts.push_back(i);
  out.local_right.assign(static_cast<std::size_t>(nr), -1);
  for (std::int32_t j = 0; j < nr; ++j)
    if (Part* pt = right_used[j] ? part_at(nl + j) : nullptr) {
      out.local_right[j] = static_cast<std::int32_t>(pt->rights.size());
      pt->rights.push_back(j);
    }
  out.local_group.assign(static_cast<std::size_t>(ng), -1);
  for (std::int32_t g = 0; g < ng; ++g)
    if (Part* pt = part_at(nl + nr + g)) {
      out.local_group[g] = static_cast<std::int32_t>(pt->groups.size());
      pt->groups.push_back(g);
    }
  return out;
}

/// What solving one part gives: per left node of the part (in its order) the global right node or -1.
struct PartResult {
  std::vector<std::int32_t> right_of_left;
  AssignmentStats stats;
};

class Solver {
 public:
  Solver(const Instance& inst, std::span<const Edge> edges, const AssignmentOptions& opt, const EdgeLists& el,
         const Partition& pn, const Part& pt)
      : inst_(inst), edges_(edges), opt_(opt), el_(el), pn_(pn), part_(pt) {}

  PartResult run();

 private:
  void build();
  void reset_flow();
  bool shortest_paths(std::int64_t budget);
  bool augment_from(std::int32_t s, std::int64_t& work, std::int64_t budget);
  bool shortest_paths_to_groups(std::int64_t budget);
  bool fill_group(std::int32_t g, std::int64_t& work, std::int64_t budget);
  // What augment_from and fill_group share: one Dijkstra search over the reduced costs.
  /// Labels node w with distance d, reached from `parent` by `arc`, unless search `id` has settled
  /// it or labelled it no further; queued under `key` (ties broken by the search's order).
  void label(std::int32_t id, std::int32_t w, std::int64_t d, std::int32_t parent, std::int32_t arc, std::int32_t key) {
    if (done_[w] == id || (seen_[w] == id && d >= dist_[w])) return;
    seen_[w] = id;
    dist_[w] = d;
    par_[w] = parent;
    par_arc_[w] = arc;
    queue_.push_back({d, key});
    std::push_heap(queue_.begin(), queue_.end(), std::greater<>{});
  }
  /// The next node search `id` settles (stale queue entries skipped), marked final; `node_of`
  /// turns a queue key back into the node. The queue never runs dry before the sink (every left
  /// node has its bypass): if it does, std::logic_error saying `what`.
  template <class NodeOf>
  std::int32_t settle(std::int32_t id, const NodeOf& node_of, const char* what) {
    while (true) {
      if (queue_.empty()) throw std::logic_error(what);
      std::pop_heap(queue_.begin(), queue_.end(), std::greater<>{});
      const auto [d, key] = queue_.back();
      queue_.pop_back();
      const std::int32_t v = node_of(key);
      if (done_[v] == id || d != dist_[v]) continue;
      done_[v] = id;
      return v;
    }
  }
  /// Every node settled before the sink (popped_) moves its price by `sign` × (d(sink) − d(v)):
  /// up after a forward search, down after a backward one, so every reduced cost stays >= 0.
  void shift_settled_prices(std::int64_t sign) {
    const std::int64_t dt = dist_[static_cast<std::size_t>(nl_) + nr_ + ng_];
    for (const std::int32_t v : popped_) {
      const std::int64_t by = dt - dist_[v];
      if (by <= 0) continue;
      if (v < nl_)
        pl_[v] += sign * by;
      else if (v < nl_ + nr_)
        pr_[v - nl_] += sign * by;
      else
        pg_[v - nl_ - nr_] += sign * by;
    }
  }
  void refine(std::int64_t eps);
  bool prove_optimal(std::int64_t budget);
  void discharge_left(std::int32_t i);
  void discharge_right(std::int32_t j);
  void discharge_group(std::int32_t g);
  void discharge_sink();
  void push_back_to_right(std::int32_t g, std::int32_t j);
  void sink_candidate(std::int64_t key, std::int32_t id) {
    heap_.push_back({key, id});
    std::push_heap(heap_.begin(), heap_.end(), std::greater<>{});
  }
  void add_sink_excess(std::int64_t d) {
    const std::int64_t before = eT_;
    eT_ += d;
    if (before <= 0 && eT_ > 0) stack_.push_back(nl_ + nr_ + ng_);
  }

  void link(std::int32_t i, std::int32_t j) {
    prv_[i] = -1;
    nxt_[i] = head_[j];
    if (head_[j] >= 0) prv_[head_[j]] = i;
    head_[j] = i;
  }
  void unlink(std::int32_t i, std::int32_t j) {
    if (prv_[i] >= 0)
      nxt_[prv_[i]] = nxt_[i];
    else
      head_[j] = nxt_[i];
    if (nxt_[i] >= 0) prv_[nxt_[i]] = prv_[i];
  }
  void activate_right(std::int32_t j) { stack_.push_back(nl_ + j); }
  void activate_group(std::int32_t g) { stack_.push_back(nl_ + nr_ + g); }

  const Instance& inst_;
  std::span<const Edge> edges_;
  const AssignmentOptions& opt_;
  const EdgeLists& el_;
  const Partition& pn_;
  const Part& part_;  // the nodes this solver owns; local ids are positions in its lists
  std::int32_t nl_ = 0, nr_ = 0, ng_ = 0;
  std::int64_t eps_ = 1;
  std::int64_t scale_ = 1;  // M: costs are −score·M
  AssignmentStats st_;

  // left CSR (usable arcs only, one per right node, in input order)
  std::vector<std::int32_t> lb_;
  big_vector<std::int32_t> arc_right_;
  big_vector<std::int64_t> arc_cost_;
  // left state
  std::vector<std::int64_t> pl_;
  std::vector<std::int32_t> asg_;
  std::vector<std::int32_t> nxt_, prv_;
  std::vector<std::int64_t> wl_;  // p(i) − c(i, j) of the assigned arc: value of the reverse arc j→i
  struct alignas(64) QuickMinima {
    std::int64_t threshold = -k_inf;  // lower bound on the values of the arcs not cached
    std::int64_t cost[k_cache] = {};
    std::int32_t arc[k_cache] = {};
    std::int32_t right[k_cache] = {};
    std::int32_t n = 0;
  };
  big_vector<QuickMinima> cache_;  // per left node
  // right state
  std::vector<std::int64_t> pr_;
  std::vector<std::int32_t> slots_, grp_, f_, e_, head_;
  std::vector<std::int64_t> wj_;  // scratch: eviction value per right node
  // group state
  std::vector<std::int64_t> pg_;
  std::vector<std::int32_t> cap_, h_, eg_, gb_, gr_;

  // sink T: price, balance (inflow − units that must arrive), lazy min-heap of its reverse arcs
  // (bypassed left nodes: id i; groups with flow to T: id nl+nr+g), keyed by a price lower bound.
  std::int64_t pT_ = 0, eT_ = 0;
  std::vector<std::pair<std::int64_t, std::int32_t>> heap_;

  std::vector<std::int32_t> stack_;

  // Shortest augmenting paths (the exact start): Dijkstra over the reduced costs, one search per
  // left node. Per node (left i, right nl+j, group nl+nr+g, sink nl+nr+ng): distance, the search
  // that set it, whether it is final, and the node and arc it was reached by.
  std::vector<std::int64_t> dist_;
  std::vector<std::int32_t> seen_, done_, par_, par_arc_;
  std::vector<std::int32_t> popped_, path_;
  std::vector<std::pair<std::int64_t, std::int32_t>> queue_;
  std::int32_t search_ = 0;
  // The arcs into each right node (the start from the groups' side): positions [rb_[j], rb_[j + 1]).
  std::vector<std::int32_t> rb_, rl_, rk_;
};

void Solver::build() {
  nl_ = static_cast<std::int32_t>(part_.lefts.size());
  nr_ = static_cast<std::int32_t>(part_.rights.size());
  ng_ = static_cast<std::int32_t>(part_.groups.size());
  const std::int64_t nodes = static_cast<std::int64_t>(nl_) + nr_ + ng_ + 1;
  scale_ = nodes + 1;
  const std::int64_t scale = scale_;

  slots_.resize(static_cast<std::size_t>(nr_));
  grp_.resize(static_cast<std::size_t>(nr_));
  for (std::int32_t j = 0; j < nr_; ++j) {
    const std::int32_t gj = part_.rights[j];
    slots_[j] = inst_.right_slots[gj];
    grp_[j] = pn_.local_group[inst_.right_group[gj]];
  }
  cap_.resize(static_cast<std::size_t>(ng_));
  for (std::int32_t g = 0; g < ng_; ++g) cap_[g] = inst_.group_capacity[part_.groups[g]];

  // Within a left node: arcs in input order; of duplicate pairs the best score counts. A stamp
  // per right node finds duplicates without sorting.
  const auto& ed = edges_;
  lb_.assign(static_cast<std::size_t>(nl_) + 1, 0);
  arc_right_.clear();
  arc_cost_.clear();
  arc_right_.reserve(static_cast<std::size_t>(part_.arcs));
  arc_cost_.reserve(static_cast<std::size_t>(part_.arcs));
  std::vector<std::int32_t> stamp(static_cast<std::size_t>(nr_), -1), arc_of(static_cast<std::size_t>(nr_), 0);
  for (std::int32_t i = 0; i < nl_; ++i) {
    const std::int32_t gi = part_.lefts[i];
    for (std::int32_t p = el_.cnt[gi]; p < el_.cnt[gi + 1]; ++p) {
      const Edge& x = ed[el_.edge_at(p)];
      if (el_.grouped && !usable(inst_, x)) continue;
      const std::int64_t cost = -x.score * scale;
      const std::int32_t r = pn_.local_right[x.right];
      if (stamp[r] == i) {
        std::int64_t& c = arc_cost_[arc_of[r]];
        c = std::min(c, cost);
        continue;
      }
      stamp[r] = i;
      arc_of[r] = static_cast<std::int32_t>(arc_right_.size());
      arc_right_.push_back(r);
      arc_cost_.push_back(cost);
    }
    lb_[i + 1] = static_cast<std::int32_t>(arc_right_.size());
  }

  gb_.assign(static_cast<std::size_t>(ng_) + 1, 0);
  for (std::int32_t j = 0; j < nr_; ++j) ++gb_[grp_[j] + 1];
  for (std::int32_t g = 0; g < ng_; ++g) gb_[g + 1] += gb_[g];
  gr_.assign(nr_, 0);
  {
    std::vector<std::int32_t> pos(gb_.begin(), gb_.end() - 1);
    for (std::int32_t j = 0; j < nr_; ++j) gr_[pos[grp_[j]]++] = j;
  }
  stack_.reserve(static_cast<std::size_t>(nl_) + nr_ + ng_ + 1);
  reset_flow();
}

void Solver::reset_flow() {
  pl_.assign(nl_, 0);
  asg_.assign(nl_, k_none);
  nxt_.assign(nl_, -1);
  wl_.assign(nl_, 0);
  cache_.assign(static_cast<std::size_t>(nl_), QuickMinima{});
  prv_.assign(nl_, -1);
  pr_.assign(nr_, 0);
  f_.assign(nr_, 0);
  e_.assign(nr_, 0);
  head_.assign(nr_, -1);
  wj_.assign(nr_, 0);
  pg_.assign(ng_, 0);
  h_.assign(ng_, 0);
  eg_.assign(ng_, 0);
  pT_ = 0;
  eT_ = 0;
  for (std::int32_t i = 0; i < nl_; ++i)
    if (lb_[i] < lb_[i + 1]) --eT_;
}

void Solver::discharge_left(std::int32_t i) {
  // Candidates are evaluated bypass first (ties prefer staying unassigned), then arcs in order.
  // Quick minima: the node's k_cache best arcs of its last full scan are kept (in one cache line)
  // with the next value as a threshold; arc values only rise during a phase, so when the best and
  // runner-up among the cached arcs and the bypass lie strictly below the threshold they are exact.
  const std::int32_t* ar = arc_right_.data();
  const std::int64_t* ac = arc_cost_.data();
  const std::int64_t* pr = pr_.data();
  QuickMinima& q = cache_[i];
  auto evaluate = [&](std::int64_t& best, std::int64_t& second, std::int32_t& best_arc) {
    best = pT_;
    second = k_inf;
    best_arc = k_bypass;
    for (std::int32_t c = 0; c < q.n; ++c) {
      const std::int64_t v = q.cost[c] + pr[q.right[c]];
      if (v < second) {
        if (v < best) {
          second = best;
          best = v;
          best_arc = q.arc[c];
        } else {
          second = v;
        }
      }
    }
  };
  std::int64_t best, second;
  std::int32_t best_arc;
  evaluate(best, second, best_arc);
  if (second > q.threshold) {
    // Full scan keeping the k_cache + 1 smallest arc values (earlier arcs win ties).
    std::int64_t topv[k_cache + 1];
    std::int32_t topa[k_cache + 1];
    for (int t = 0; t <= k_cache; ++t) {
      topv[t] = k_inf;
      topa[t] = -1;
    }
    for (std::int32_t a = lb_[i], en = lb_[i + 1]; a < en; ++a) {
      const std::int64_t v = ac[a] + pr[ar[a]];
      if (v < topv[k_cache]) {
        int p = k_cache;
        while (p > 0 && v < topv[p - 1]) {
          topv[p] = topv[p - 1];
          topa[p] = topa[p - 1];
          --p;
        }
        topv[p] = v;
        topa[p] = a;
      }
    }
    std::int32_t n = 0;
    for (int t = 0; t < k_cache; ++t)
      if (topa[t] >= 0) q.arc[n++] = topa[t];
    std::sort(q.arc, q.arc + n);
    for (std::int32_t c = 0; c < n; ++c) {
      q.right[c] = ar[q.arc[c]];
      q.cost[c] = ac[q.arc[c]];
    }
    q.n = n;
    q.threshold = topv[k_cache];
    evaluate(best, second, best_arc);
    ++st_.full_scans;
  }
  ++st_.left_pushes;
  // Relabel to best+ε, push along the best arc, then raise to second+ε (auction bid).
  pl_[i] = (second >= k_inf ? best : second) + eps_;
  asg_[i] = best_arc;
  if (best_arc == k_bypass) {
    sink_candidate(pl_[i], i);
    add_sink_excess(1);
    return;
  }
  const std::int32_t j = ar[best_arc];
  wl_[i] = pl_[i] - ac[best_arc];
  link(i, j);
  if (++e_[j] == 1) activate_right(j);
}

void Solver::discharge_right(std::int32_t j) {
  const std::int32_t g = grp_[j];
  while (e_[j] > 0) {
    if (f_[j] < slots_[j] && pg_[g] < pr_[j]) {
      const std::int32_t d = std::min(e_[j], slots_[j] - f_[j]);
      f_[j] += d;
      e_[j] -= d;
      const std::int32_t before = eg_[g];
      eg_[g] += d;
      if (before <= 0 && eg_[g] > 0) activate_group(g);
      continue;
    }
    // Cheapest reverse arc j→i (value p(i) − c(i,j)); ties by lower left id; and the runner-up.
    std::int64_t minv = k_inf, min2 = k_inf;
    std::int32_t arg = -1;
    for (std::int32_t i = head_[j]; i >= 0; i = nxt_[i]) {
      const std::int64_t v = wl_[i];
      if (v < minv || (v == minv && i < arg)) {
        min2 = minv;
        minv = v;
        arg = i;
      } else if (v < min2) {
        min2 = v;
      }
    }
    const std::int64_t fv = f_[j] < slots_[j] ? pg_[g] : k_inf;
    if (minv < pr_[j]) {
      unlink(arg, j);
      asg_[arg] = k_none;
      stack_.push_back(arg);
      --e_[j];
      ++st_.evictions;
      // Double push: raise the price to what the remaining residual arcs allow (auction price).
      if (e_[j] == 0) pr_[j] = std::max(pr_[j], std::min(fv, min2) + eps_);
      continue;
    }
    pr_[j] = std::min(fv, minv) + eps_;
    ++st_.relabels;
  }
}

void Solver::discharge_group(std::int32_t g) {
  while (eg_[g] > 0) {
    if (h_[g] < cap_[g] && pg_[g] > pT_) {
      const std::int32_t d = std::min(eg_[g], cap_[g] - h_[g]);
      if (h_[g] == 0) sink_candidate(pg_[g], nl_ + nr_ + g);
      h_[g] += d;
      eg_[g] -= d;
      add_sink_excess(d);
      continue;
    }
    std::int64_t minv = k_inf;
    std::int32_t arg = -1;
    for (std::int32_t k = gb_[g]; k < gb_[g + 1]; ++k) {
      const std::int32_t j = gr_[k];
      if (f_[j] > 0 && pr_[j] < minv) {
        minv = pr_[j];
        arg = j;
      }
    }
    if (minv < pg_[g]) {
      push_back_to_right(g, arg);
      continue;
    }
    // Relabel with look-through: first raise the prices of the group's balanced right nodes to
    // what their own residual arcs allow (eviction value + ε), so that the unit pushed back
    // evicts a left node at once instead of bouncing between the group and a right node.
    const std::int64_t tv = h_[g] < cap_[g] ? pT_ : k_inf;
    std::int64_t direct = tv, wmin = k_inf;
    for (std::int32_t k = gb_[g]; k < gb_[g + 1]; ++k) {
      const std::int32_t j = gr_[k];
      if (f_[j] <= 0) continue;
      if (e_[j] != 0) {
        direct = std::min(direct, pr_[j]);
        continue;
      }
      std::int64_t w = k_inf;
      for (std::int32_t i = head_[j]; i >= 0; i = nxt_[i]) w = std::min(w, wl_[i]);
      wj_[j] = w;
      wmin = std::min(wmin, w);
    }
    const std::int64_t prov = std::min(direct, wmin + eps_) + eps_;
    minv = k_inf;
    arg = -1;
    for (std::int32_t k = gb_[g]; k < gb_[g + 1]; ++k) {
      const std::int32_t j = gr_[k];
      if (f_[j] <= 0) continue;
      if (e_[j] == 0) {
        const std::int64_t target = f_[j] == slots_[j] ? wj_[j] + eps_ : std::min(wj_[j], prov) + eps_;
        if (target > pr_[j]) pr_[j] = target;
      }
      if (pr_[j] < minv) {
        minv = pr_[j];
        arg = j;
      }
    }
    pg_[g] = std::min(tv, minv) + eps_;
    ++st_.relabels;
  }
}

void Solver::push_back_to_right(std::int32_t g, std::int32_t j) {
  const std::int32_t d = std::min(eg_[g], f_[j]);
  f_[j] -= d;
  eg_[g] -= d;
  const std::int32_t before = e_[j];
  e_[j] += d;
  if (before <= 0 && e_[j] > 0) activate_right(j);
}

void Solver::discharge_sink() {
  const std::int32_t gbase = nl_ + nr_;
  while (eT_ > 0) {
    // Cheapest valid reverse arc of T (lazy heap: keys are lower bounds, prices only rise).
    std::int64_t key = 0, price = 0;
    std::int32_t id = -1;
    while (!heap_.empty()) {
      std::pop_heap(heap_.begin(), heap_.end(), std::greater<>{});
      const auto [k, x] = heap_.back();
      heap_.pop_back();
      const bool valid = x < gbase ? asg_[x] == k_bypass : h_[x - gbase] > 0;
      if (!valid) continue;
      const std::int64_t p = x < gbase ? pl_[x] : pg_[x - gbase];
      if (k < p) {
        sink_candidate(p, x);
        continue;
      }
      key = k;
      price = p;
      id = x;
      break;
    }
    (void)key;
    if (id < 0) throw std::logic_error("assignment: sink has excess but no residual arc (internal error)");
    if (price >= pT_) {
      pT_ = price + eps_;
      ++st_.relabels;
    }
    if (id < gbase) {
      asg_[id] = k_none;
      stack_.push_back(id);
      --eT_;
    } else {
      const std::int32_t g = id - gbase;
      const std::int32_t d = static_cast<std::int32_t>(std::min<std::int64_t>(eT_, h_[g]));
      h_[g] -= d;
      eT_ -= d;
      const std::int32_t before = eg_[g];
      eg_[g] += d;
      if (before <= 0 && eg_[g] > 0) activate_group(g);
      if (h_[g] > 0) sink_candidate(price, id);
    }
  }
}

void Solver::refine(std::int64_t eps) {
  eps_ = eps;
  ++st_.phases;
  for (auto& q : cache_) q.threshold = -k_inf;  // right prices may have come down
  stack_.clear();
  heap_.clear();
  // Middle arcs group→sink and right→group: instead of saturating or emptying arcs that violate
  // ε-optimality (which would leave deficits behind), move the middle prices into the allowed
  // band; the left prices are re-fitted afterwards, so arcs into right nodes are repaired there.
  for (std::int32_t g = 0; g < ng_; ++g) {
    if (h_[g] < cap_[g] && pg_[g] > pT_ + eps) pg_[g] = pT_ + eps;
    if (h_[g] > 0 && pg_[g] < pT_ - eps) pg_[g] = pT_ - eps;
  }
  for (std::int32_t j = 0; j < nr_; ++j) {
    const std::int32_t g = grp_[j];
    if (f_[j] < slots_[j] && pr_[j] > pg_[g] + eps) pr_[j] = pg_[g] + eps;
    if (f_[j] > 0 && pr_[j] < pg_[g] - eps) pr_[j] = pg_[g] - eps;
  }
  // Left nodes: keep the assigned arc if a price makes all arcs of the node ε-optimal; otherwise
  // unassign it. Its unit is cancelled along right → group → sink when the freed arcs stay
  // ε-optimal; otherwise the right node keeps a deficit, which the sink resolves later by pushing
  // units back (lowering middle prices here instead would destroy the scaled prices and start
  // price wars).
  const std::int32_t* ar = arc_right_.data();
  const std::int64_t* ac = arc_cost_.data();
  for (std::int32_t i = nl_ - 1; i >= 0; --i) {
    const std::int32_t cur = asg_[i];
    if (lb_[i] == lb_[i + 1]) continue;  // no usable arc: stays unassigned, not part of the network
    if (cur == k_none) {
      stack_.push_back(i);
      continue;
    }
    std::int64_t a = pT_;
    std::int64_t other = k_inf;
    if (cur != k_bypass) {
      a = ac[cur] + pr_[ar[cur]];
      other = pT_;
    }
    for (std::int32_t k = lb_[i]; k < lb_[i + 1]; ++k)
      if (k != cur) other = std::min(other, ac[k] + pr_[ar[k]]);
    if (a - eps <= other + eps) {
      pl_[i] = other + eps;
      if (cur == k_bypass)
        heap_.push_back({pl_[i], i});
      else
        wl_[i] = pl_[i] - ac[cur];
      continue;
    }
    asg_[i] = k_none;
    stack_.push_back(i);
    if (cur == k_bypass) {
      --eT_;
      continue;
    }
    const std::int32_t j = ar[cur];
    const std::int32_t g = grp_[j];
    unlink(i, j);
    --e_[j];
    if (f_[j] > 0 && pg_[g] - pr_[j] >= -eps) {
      --f_[j];
      ++e_[j];
      --eg_[g];
      if (eg_[g] < 0 && h_[g] > 0 && pT_ - pg_[g] >= -eps) {
        --h_[g];
        ++eg_[g];
        --eT_;
      }
    }
  }
  for (std::int32_t g = 0; g < ng_; ++g)
    if (h_[g] > 0) heap_.push_back({pg_[g], nl_ + nr_ + g});
  std::make_heap(heap_.begin(), heap_.end(), std::greater<>{});
  if (eT_ > 0) stack_.push_back(nl_ + nr_ + ng_);
  for (std::int32_t g = ng_ - 1; g >= 0; --g)
    if (eg_[g] > 0) activate_group(g);
  for (std::int32_t j = nr_ - 1; j >= 0; --j)
    if (e_[j] > 0) activate_right(j);

  const std::int32_t nlr = nl_ + nr_, nlrg = nl_ + nr_ + ng_;
  while (!stack_.empty()) {
    const std::int32_t x = stack_.back();
    stack_.pop_back();
    if (x < nl_) {
      if (asg_[x] == k_none) discharge_left(x);
    } else if (x < nlr) {
      discharge_right(x - nl_);
    } else if (x < nlrg) {
      discharge_group(x - nlr);
    } else {
      discharge_sink();
    }
  }
}

// The exact start: successive shortest paths. Left nodes enter one at a time, in id order; the
// flow stays optimal for the nodes entered so far, with prices under which every residual arc has
// a non-negative reduced cost (c − p(v) + p(w) >= 0). An entering node is priced at its best
// value, min(bypass, cheapest arc); when that arc leads through a right node and a group with room
// at equal prices, the unit goes there at once; otherwise Dijkstra finds the cheapest way to the
// sink (an eviction chain, a group's other task, or the bypass) and the unit follows it, the
// prices of the nodes it finalised rising by d(sink) − d(v). The costs are exact integers, so the
// result is an optimum without scaling. Where the market is roomy, most units go straight to their
// best task and this beats any scaling; where it is tight, searches grow, and after a work budget
// the solver starts over with cost scaling.
bool Solver::shortest_paths(std::int64_t budget) {
  const std::size_t n = static_cast<std::size_t>(nl_) + nr_ + ng_ + 1;
  dist_.assign(n, 0);
  seen_.assign(n, -1);
  done_.assign(n, -1);
  par_.assign(n, -1);
  par_arc_.assign(n, -1);
  std::int64_t work = 0;
  for (std::int32_t i = 0; i < nl_; ++i) {
    if (lb_[i] == lb_[i + 1]) continue;
    if (!augment_from(i, work, budget)) return false;
  }
  return true;
}

bool Solver::augment_from(std::int32_t s, std::int64_t& work, std::int64_t budget) {
  const std::int32_t* ar = arc_right_.data();
  const std::int64_t* ac = arc_cost_.data();
  // Price the entering node at its best value (the bypass first: ties stay unassigned).
  std::int64_t best = pT_;
  std::int32_t best_arc = k_bypass;
  for (std::int32_t k = lb_[s]; k < lb_[s + 1]; ++k) {
    const std::int64_t v = ac[k] + pr_[ar[k]];
    if (v < best) best = v, best_arc = k;
  }
  work += lb_[s + 1] - lb_[s];
  pl_[s] = best;
  if (best_arc == k_bypass) {
    asg_[s] = k_bypass;
    return true;
  }
  {
    const std::int32_t j = ar[best_arc], g = grp_[j];
    if (f_[j] < slots_[j] && pg_[g] == pr_[j] && h_[g] < cap_[g] && pT_ == pg_[g]) {
      asg_[s] = best_arc;
      link(s, j);
      ++f_[j];
      ++h_[g];
      return true;
    }
  }
  ++st_.paths;
  const std::int32_t nlr = nl_ + nr_, nlrg = nlr + ng_, sink = nlrg;
  const std::int32_t id = ++search_;
  queue_.clear();
  popped_.clear();
  // Among equal distances the node nearest the sink comes first (the sink, then groups, right nodes,
  // left nodes): on a plateau of ties the search ends at the first way out instead of walking
  // eviction chains.
  auto order_key = [&](std::int32_t w) {
    if (w == sink) return -1;
    if (w >= nlr) return w - nlr;
    if (w >= nl_) return ng_ + (w - nl_);
    return ng_ + nr_ + w;
  };
  auto relax = [&](std::int32_t w, std::int64_t d, std::int32_t from, std::int32_t arc) {
    label(id, w, d, from, arc, order_key(w));
  };
  relax(s, 0, -1, -1);
  auto node_of = [&](std::int32_t key) {
    if (key < 0) return sink;
    if (key < ng_) return nlr + key;
    if (key < ng_ + nr_) return nl_ + (key - ng_);
    return key - ng_ - nr_;
  };
  while (true) {
    const std::int32_t v = settle(id, node_of, "assignment: no path to the sink (internal error)");
    if (v == sink) break;
    const std::int64_t d = dist_[v];
    popped_.push_back(v);
    if (++work > budget) return false;
    if (v < nl_) {
      const std::int32_t cur = asg_[v];
      const std::int64_t base = d - pl_[v];
      for (std::int32_t k = lb_[v]; k < lb_[v + 1]; ++k)
        if (k != cur) relax(nl_ + ar[k], base + ac[k] + pr_[ar[k]], v, k);
      work += lb_[v + 1] - lb_[v];
      if (cur != k_bypass) relax(sink, base + pT_, v, -1);
    } else if (v < nlr) {
      const std::int32_t j = v - nl_, g = grp_[j];
      const std::int64_t base = d - pr_[j];
      for (std::int32_t i = head_[j]; i >= 0; i = nxt_[i], ++work) relax(i, base - ac[asg_[i]] + pl_[i], v, -1);
      if (f_[j] < slots_[j]) relax(nlr + g, base + pg_[g], v, -1);
    } else {
      const std::int32_t g = v - nlr;
      const std::int64_t base = d - pg_[g];
      for (std::int32_t k = gb_[g]; k < gb_[g + 1]; ++k)
        if (f_[gr_[k]] > 0) relax(nl_ + gr_[k], base + pr_[gr_[k]], v, -1);
      work += gb_[g + 1] - gb_[g];
      if (h_[g] < cap_[g]) relax(sink, base + pT_, v, -1);
    }
  }
  // Prices: every node finalised before the sink rises by d(sink) − d(v); the path's arcs become tight.
  shift_settled_prices(+1);
  // The unit follows the path: collect it from the sink back to s, then apply it arc by arc.
  path_.clear();
  for (std::int32_t v = sink; v >= 0; v = par_[v]) path_.push_back(v);
  for (std::size_t k = path_.size() - 1; k > 0; --k) {
    const std::int32_t u = path_[k], v = path_[k - 1];
    if (u < nl_) {
      if (v == sink) {
        asg_[u] = k_bypass;
      } else {
        asg_[u] = par_arc_[v];
        link(u, v - nl_);
      }
    } else if (u < nlr) {
      if (v < nl_)
        unlink(v, u - nl_);  // v leaves u; its next arc on the path assigns it anew
      else
        ++f_[u - nl_];
    } else if (v == sink) {
      ++h_[u - nlr];
    } else {
      --f_[v - nl_];
    }
  }
  return true;
}

// The exact start from the groups' side, for an oversubscribed part (fewer places than left
// nodes): every left node starts on its bypass, a right node is priced at its best arc's value
// and a group at its dearest right node, so every residual arc has a non-negative reduced cost.
// Then each group takes units one at a time: a search backwards from the group finds the cheapest
// way a unit can come to it from the sink (a left node leaving its bypass, possibly through an
// eviction chain or another group giving a unit up); when that cycle through the group's arc to
// the sink costs less than nothing, the unit moves. Either way the finalised nodes' prices fall by
// D − d(v), which keeps every reduced cost non-negative and ends the group's turn once no unit
// pays. Where places are scarce, the best left node for a place is usually one step away.
bool Solver::shortest_paths_to_groups(std::int64_t budget) {
  const std::size_t n = static_cast<std::size_t>(nl_) + nr_ + ng_ + 1;
  dist_.assign(n, 0);
  seen_.assign(n, -1);
  done_.assign(n, -1);
  par_.assign(n, -1);
  par_arc_.assign(n, -1);
  const std::int32_t* ar = arc_right_.data();
  const std::int64_t* ac = arc_cost_.data();
  rb_.assign(static_cast<std::size_t>(nr_) + 1, 0);
  for (std::int32_t k = 0; k < static_cast<std::int32_t>(arc_right_.size()); ++k) ++rb_[ar[k] + 1];
  for (std::int32_t j = 0; j < nr_; ++j) rb_[j + 1] += rb_[j];
  rl_.resize(arc_right_.size());
  rk_.resize(arc_right_.size());
  {
    std::vector<std::int32_t> pos(rb_.begin(), rb_.end() - 1);
    for (std::int32_t i = 0; i < nl_; ++i)
      for (std::int32_t k = lb_[i]; k < lb_[i + 1]; ++k) {
        rl_[pos[ar[k]]] = i;
        rk_[pos[ar[k]]++] = k;
      }
  }
  for (std::int32_t i = 0; i < nl_; ++i)
    if (lb_[i] < lb_[i + 1]) asg_[i] = k_bypass;
  for (std::int32_t j = 0; j < nr_; ++j)
    for (std::int32_t p = rb_[j]; p < rb_[j + 1]; ++p) pr_[j] = std::max(pr_[j], -ac[rk_[p]]);
  for (std::int32_t j = 0; j < nr_; ++j) pg_[grp_[j]] = std::max(pg_[grp_[j]], pr_[j]);
  std::int64_t work = static_cast<std::int64_t>(arc_right_.size());
  for (std::int32_t g = 0; g < ng_; ++g)
    while (h_[g] < cap_[g] && pg_[g] > pT_)
      if (!fill_group(g, work, budget)) return false;
  return true;
}

bool Solver::fill_group(std::int32_t g0, std::int64_t& work, std::int64_t budget) {
  const std::int32_t* ar = arc_right_.data();
  const std::int64_t* ac = arc_cost_.data();
  const std::int32_t nlr = nl_ + nr_, sink = nlr + ng_;
  const std::int32_t id = ++search_;
  ++st_.paths;
  queue_.clear();
  popped_.clear();
  // Among equal distances the node nearest the sink comes first: the sink, left nodes, right
  // nodes, groups (this search runs backwards).
  auto order_key = [&](std::int32_t w) {
    if (w == sink) return -1;
    if (w < nl_) return w;
    if (w < nlr) return nl_ + (w - nl_) ;
    return nlr + (w - nlr);
  };
  auto node_of = [&](std::int32_t key) { return key < 0 ? sink : key; };
  auto relax = [&](std::int32_t u, std::int64_t d, std::int32_t to, std::int32_t arc) {
    label(id, u, d, to, arc, order_key(u));
  };
  relax(nlr + g0, 0, -1, -1);
  while (true) {
    const std::int32_t v = settle(id, node_of, "assignment: no path from the sink (internal error)");
    if (v == sink) break;
    const std::int64_t d = dist_[v];
    popped_.push_back(v);
    if (++work > budget) return false;
    // Relax the residual arcs INTO v: d(u) = d(v) + rc(u, v).
    if (v < nl_) {
      const std::int32_t cur = asg_[v];
      if (cur == k_bypass) {
        relax(sink, d + pl_[v] - pT_, v, -1);  // T → v, the reverse of v's bypass
      } else if (cur >= 0) {
        const std::int32_t j = ar[cur];
        relax(nl_ + j, d + pl_[v] - ac[cur] - pr_[j], v, -1);  // j → v, the reverse of v's arc
      }
    } else if (v < nlr) {
      const std::int32_t j = v - nl_, g = grp_[j];
      for (std::int32_t p = rb_[j]; p < rb_[j + 1]; ++p) {
        const std::int32_t i = rl_[p], k = rk_[p];
        if (asg_[i] != k) relax(i, d + ac[k] - pl_[i] + pr_[j], v, k);
      }
      work += rb_[j + 1] - rb_[j];
      if (f_[j] > 0) relax(nlr + g, d - pg_[g] + pr_[j], v, -1);  // g → j, the reverse of j's flow
    } else {
      const std::int32_t g = v - nlr;
      for (std::int32_t k = gb_[g]; k < gb_[g + 1]; ++k) {
        const std::int32_t j = gr_[k];
        if (f_[j] < slots_[j]) relax(nl_ + j, d - pr_[j] + pg_[g], v, -1);
      }
      work += gb_[g + 1] - gb_[g];
      if (h_[g] > 0) relax(sink, d + pg_[g] - pT_, v, -1);  // T → g, the reverse of g's flow
    }
  }
  shift_settled_prices(-1);
  // The cycle sink → … → g0 → sink costs dt + (pT − pg(g0)) before the update; the update moved
  // all of it onto the arc g0 → sink, whose reduced cost is now pT − pg(g0).
  if (pT_ - pg_[g0] >= 0) return true;  // no unit pays: g0's turn ends (its arc stays >= 0)
  // Move the unit: from the sink along the path to g0, then g0 → sink.
  for (std::int32_t u = sink, v = par_[sink]; v >= 0; u = v, v = par_[v]) {
    if (u == sink) {
      if (v < nl_) continue;  // v leaves its bypass; its next arc assigns it
      --h_[v - nlr];          // a group gives a unit up
    } else if (u < nl_) {
      asg_[u] = par_arc_[u];
      link(u, v - nl_);
    } else if (u < nlr) {
      if (v < nl_)
        unlink(v, u - nl_);
      else
        ++f_[u - nl_];
    } else {
      --f_[v - nl_];
    }
  }
  ++h_[g0];
  return true;
}

bool Solver::prove_optimal(std::int64_t budget) {
  // Shortest distances from a virtual root (0 to every node) under the reduced costs; a residual
  // arc (v, w) with cost c relaxes d(w) to d(v) + c − p(v) + p(w). Converging means no negative
  // cycle. Nodes: left i, right nl+j, group nl+nr+g, sink nl+nr+ng.
  const std::int32_t nlr = nl_ + nr_, nlrg = nlr + ng_, n = nlrg + 1;
  std::vector<std::int64_t> d(static_cast<std::size_t>(n), 0);
  std::vector<std::uint8_t> queued(static_cast<std::size_t>(n), 1);
  std::vector<std::int32_t> ring(static_cast<std::size_t>(n));
  for (std::int32_t v = 0; v < n; ++v) ring[v] = v;
  std::size_t head = 0, size = static_cast<std::size_t>(n);
  auto relax = [&](std::int32_t w, std::int64_t nd) {
    if (nd >= d[w]) return;
    d[w] = nd;
    if (queued[w]) return;
    queued[w] = 1;
    ring[(head + size) % ring.size()] = w;
    ++size;
  };
  std::int64_t work = 0;
  while (size > 0) {
    const std::int32_t v = ring[head];
    head = (head + 1) % ring.size();
    --size;
    queued[v] = 0;
    if (v < nl_) {
      const std::int32_t cur = asg_[v];
      const std::int64_t base = d[v] - pl_[v];
      for (std::int32_t k = lb_[v]; k < lb_[v + 1]; ++k)
        if (k != cur) relax(nl_ + arc_right_[k], base + arc_cost_[k] + pr_[arc_right_[k]]);
      if (cur != k_bypass && lb_[v] < lb_[v + 1]) relax(nlrg, base + pT_);
      work += lb_[v + 1] - lb_[v];
    } else if (v < nlr) {
      const std::int32_t j = v - nl_;
      const std::int64_t base = d[v] - pr_[j];
      for (std::int32_t i = head_[j]; i >= 0; i = nxt_[i], ++work) relax(i, base - arc_cost_[asg_[i]] + pl_[i]);
      if (f_[j] < slots_[j]) relax(nlr + grp_[j], base + pg_[grp_[j]]);
    } else if (v < nlrg) {
      const std::int32_t g = v - nlr;
      const std::int64_t base = d[v] - pg_[g];
      for (std::int32_t k = gb_[g]; k < gb_[g + 1]; ++k)
        if (f_[gr_[k]] > 0) relax(nl_ + gr_[k], base + pr_[gr_[k]]);
      if (h_[g] < cap_[g]) relax(nlrg, base + pT_);
      work += gb_[g + 1] - gb_[g];
    } else {
      const std::int64_t base = d[v] - pT_;
      for (std::int32_t g = 0; g < ng_; ++g)
        if (h_[g] > 0) relax(nlr + g, base + pg_[g]);
      for (std::int32_t i = 0; i < nl_; ++i)
        if (asg_[i] == k_bypass) relax(i, base + pl_[i]);
      work += nlrg;
    }
    if (++work > budget) return false;
  }
  return true;
}

PartResult Solver::run() {
  build();
  std::int64_t max_cost = 0;
  for (std::int64_t c : arc_cost_) max_cost = std::max(max_cost, -c);
  const int alpha = std::max(2, opt_.scaling_factor);
  const std::int64_t scale = scale_;
  const std::int64_t budget = 8 * (static_cast<std::int64_t>(arc_right_.size()) + nl_ + nr_ + ng_ + 1);
  if (opt_.start != AssignmentStart::cost_scaling) {
    const std::int64_t size = static_cast<std::int64_t>(arc_right_.size()) + nl_ + nr_ + ng_ + 1;
    std::int64_t ssp_budget = std::numeric_limits<std::int64_t>::max();
    std::int64_t places = 0, active = 0;
    for (std::int32_t g = 0; g < ng_; ++g) {
      std::int64_t slots = 0;
      for (std::int32_t k = gb_[g]; k < gb_[g + 1]; ++k) slots += slots_[gr_[k]];
      places += std::min<std::int64_t>(slots, cap_[g]);
    }
    for (std::int32_t i = 0; i < nl_; ++i) active += lb_[i] < lb_[i + 1] ? 1 : 0;
    // The side that is scarce starts: paths from the groups when places are fewer than left nodes.
    const bool scarce = opt_.start == AssignmentStart::automatic ? places < active
                                                                  : opt_.start == AssignmentStart::paths_from_groups;
    if (opt_.start == AssignmentStart::automatic) {
      // The budget: path_budget passes over the part. From the left side on scores that span at
      // most 256 units (cost scaling's fast start: two phases), two passes, about what scaling
      // costs there: a tight part of such a market (a municipality) is solved faster by scaling.
      const bool fast_scaling = max_cost <= 256 * scale;
      ssp_budget = std::max<std::int64_t>(1, !scarce && fast_scaling ? std::min(2, opt_.path_budget) : opt_.path_budget) * size;
    }
    if (scarce ? shortest_paths_to_groups(ssp_budget) : shortest_paths(ssp_budget)) {
      st_.proved_early = true;
      PartResult res;
      res.right_of_left.assign(static_cast<std::size_t>(nl_), -1);
      for (std::int32_t i = 0; i < nl_; ++i)
        if (asg_[i] >= 0) res.right_of_left[i] = part_.rights[arc_right_[asg_[i]]];
      res.stats = st_;
      return res;
    }
    reset_flow();
  }
  // First phase: one score unit when scores span at most 256 units, else the largest cost / α.
  std::int64_t eps =
      std::max<std::int64_t>(1, max_cost <= 256 * scale ? std::min(max_cost / alpha, scale) : max_cost / alpha);
  for (;;) {
    refine(eps);
    if (eps == 1) break;
    if (eps <= scale) {
      ++st_.proofs;
      if (prove_optimal(budget)) {
        st_.proved_early = true;
        break;
      }
    }
    eps = std::max<std::int64_t>(1, eps / alpha);
  }
  PartResult res;
  res.right_of_left.assign(static_cast<std::size_t>(nl_), -1);
  for (std::int32_t i = 0; i < nl_; ++i)
    if (asg_[i] >= 0) res.right_of_left[i] = part_.rights[arc_right_[asg_[i]]];
  res.stats = st_;
  return res;
}

}  // namespace

namespace {
void validate_edges(const Instance& inst, std::span<const Edge> edges);
}  // namespace

void validate(const Instance& inst) {
  detail::validate_nodes(inst);
  validate_edges(inst, inst.edges);
}

void detail::validate_nodes(const Instance& inst) {
  if (inst.num_left < 0)
    throw Error(Errc::invalid_argument, "num_left", std::to_string(inst.num_left), "must not be negative");
  if (inst.right_group.size() != inst.right_slots.size())
    throw Error(Errc::invalid_argument, "right_group", std::to_string(inst.right_group.size()),
                "needs one entry per right node; right_slots has " + std::to_string(inst.right_slots.size()));
  if (inst.right_slots.size() >= static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()))
    throw Error(Errc::invalid_argument, "right_slots", std::to_string(inst.right_slots.size()),
                "too many nodes (limit 2^31-2)");
  if (inst.group_capacity.size() >= static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max()))
    throw Error(Errc::invalid_argument, "group_capacity", std::to_string(inst.group_capacity.size()),
                "too many nodes (limit 2^31-2)");
  const std::int32_t nr = inst.num_right(), ng = inst.num_groups();
  for (std::int32_t j = 0; j < nr; ++j) {
    if (inst.right_slots[j] < 0)
      throw Error(Errc::invalid_argument, indexed("right_slots", j), std::to_string(inst.right_slots[j]),
                  "must not be negative");
    if (inst.right_group[j] < 0 || inst.right_group[j] >= ng)
      throw Error(Errc::invalid_argument, indexed("right_group", j), std::to_string(inst.right_group[j]),
                  "group id out of range (there are " + std::to_string(ng) + " groups)");
  }
  for (std::int32_t g = 0; g < ng; ++g)
    if (inst.group_capacity[g] < 0)
      throw Error(Errc::invalid_argument, indexed("group_capacity", g), std::to_string(inst.group_capacity[g]),
                  "must not be negative");
}

namespace {
void validate_edges(const Instance& inst, std::span<const Edge> edges) {
  const std::int32_t nr = inst.num_right();
  for (std::size_t k = 0; k < edges.size(); ++k) {
    const Edge& x = edges[k];
    if (x.left < 0 || x.left >= inst.num_left)
      throw Error(Errc::invalid_argument, indexed("edges", k) + ".left", std::to_string(x.left),
                  "left id out of range (there are " + std::to_string(inst.num_left) + " left nodes)");
    if (x.right < 0 || x.right >= nr)
      throw Error(Errc::invalid_argument, indexed("edges", k) + ".right", std::to_string(x.right),
                  "right id out of range (there are " + std::to_string(nr) + " right nodes)");
  }
}
}  // namespace

std::int64_t max_supported_score(const Instance& inst) noexcept {
  const long double n = static_cast<long double>(inst.num_left) + inst.num_right() + inst.num_groups() + 3;
  const long double lim = static_cast<long double>(std::int64_t{1} << 62) / (8.0L * n * n);
  return lim < 1 ? 0 : static_cast<std::int64_t>(lim);
}

AssignmentResult solve_assignment(const Instance& inst, const AssignmentOptions& options) {
  return detail::solve_assignment(inst, inst.edges, options);
}

AssignmentResult detail::solve_assignment(const Instance& inst, std::span<const Edge> edges,
                                          const AssignmentOptions& options) {
  validate_nodes(inst);
  validate_edges(inst, edges);
  const std::int64_t lim = max_supported_score(inst);
  for (std::size_t k = 0; k < edges.size(); ++k)
    if (edges[k].score > lim)
      throw Error(Errc::invalid_argument, indexed("edges", k) + ".score", std::to_string(edges[k].score),
                  "exceeds the supported maximum " + std::to_string(lim) + " for an instance of this size");
  const EdgeLists el = list_edges(inst, edges);
  const Partition pn = split_parts(inst, edges, el);
  // Largest parts first, each taken by the next free thread.
  std::vector<std::size_t> by_size(pn.parts.size());
  std::iota(by_size.begin(), by_size.end(), std::size_t{0});
  std::stable_sort(by_size.begin(), by_size.end(),
                   [&](std::size_t a, std::size_t b) { return pn.parts[a].arcs > pn.parts[b].arcs; });
  std::vector<PartResult> solved(pn.parts.size());
  kanten::detail::run_parallel(by_size.size(), kanten::detail::thread_count(options.threads), [&](std::size_t k) {
    Solver s(inst, edges, options, el, pn, pn.parts[by_size[k]]);
    solved[by_size[k]] = s.run();
  });
  std::vector<std::int32_t> right_of_left(static_cast<std::size_t>(inst.num_left), -1);
  AssignmentStats st;
  st.proved_early = !solved.empty();
  for (std::size_t p = 0; p < solved.size(); ++p) {
    const auto& lefts = pn.parts[p].lefts;
    for (std::size_t i = 0; i < lefts.size(); ++i) right_of_left[lefts[i]] = solved[p].right_of_left[i];
    const AssignmentStats& s = solved[p].stats;
    st.phases = std::max(st.phases, s.phases);
    st.left_pushes += s.left_pushes;
    st.full_scans += s.full_scans;
    st.relabels += s.relabels;
    st.evictions += s.evictions;
    st.paths += s.paths;
    st.proofs = std::max(st.proofs, s.proofs);
    st.proved_early = st.proved_early && s.proved_early;
  }
  st.parts = static_cast<std::int32_t>(solved.size());
  // The checker reports the best-scoring edge of each chosen pair, lowest index first: the edge
  // the solver kept for the arc.
  AssignmentResult res = check_valid(inst, edges, right_of_left);
  res.optimal = res.feasible;
  res.stats = st;
  return res;
}

AssignmentResult check_assignment(const Instance& inst, std::span<const std::int32_t> right_of_left) {
  validate(inst);
  return check_valid(inst, inst.edges, right_of_left);
}

namespace {
AssignmentResult check_valid(const Instance& inst, std::span<const Edge> edges,
                             std::span<const std::int32_t> right_of_left) {
  AssignmentResult res;
  res.right_of_left.assign(right_of_left.begin(), right_of_left.end());
  res.edge_of_left.assign(right_of_left.size(), -1);
  auto fail = [&](std::string msg) {
    res.feasible = false;
    res.message = std::move(msg);
    return res;
  };
  if (static_cast<std::int64_t>(right_of_left.size()) != inst.num_left)
    return fail("assignment has " + std::to_string(right_of_left.size()) + " entries for " +
                std::to_string(inst.num_left) + " left nodes");
  const std::int32_t nr = inst.num_right(), ng = inst.num_groups();
  // Best edge per (left, right) pair of the assigned pairs only.
  std::vector<std::int64_t> best_edge(inst.num_left, -1);
  for (std::size_t k = 0; k < edges.size(); ++k) {
    const Edge& x = edges[k];
    if (right_of_left[x.left] != x.right) continue;
    const std::int64_t cur = best_edge[x.left];
    if (cur < 0 || edges[cur].score < x.score) best_edge[x.left] = static_cast<std::int64_t>(k);
  }
  std::vector<std::int64_t> used_right(nr, 0), used_group(ng, 0);
  for (std::int32_t i = 0; i < inst.num_left; ++i) {
    const std::int32_t j = right_of_left[i];
    if (j == -1) continue;
    if (j < 0 || j >= nr) return fail("left " + std::to_string(i) + " assigned to unknown right " + std::to_string(j));
    if (best_edge[i] < 0)
      return fail("left " + std::to_string(i) + " assigned to right " + std::to_string(j) + " without an edge");
    res.edge_of_left[i] = best_edge[i];
    res.total_score += edges[best_edge[i]].score;
    ++res.num_assigned;
    ++used_right[j];
    ++used_group[inst.right_group[j]];
  }
  for (std::int32_t j = 0; j < nr; ++j)
    if (used_right[j] > inst.right_slots[j])
      return fail("right " + std::to_string(j) + " holds " + std::to_string(used_right[j]) + " > " +
                  std::to_string(inst.right_slots[j]) + " slots");
  for (std::int32_t g = 0; g < ng; ++g)
    if (used_group[g] > inst.group_capacity[g])
      return fail("group " + std::to_string(g) + " holds " + std::to_string(used_group[g]) + " > capacity " +
                  std::to_string(inst.group_capacity[g]));
  res.feasible = true;
  return res;
}
}  // namespace

AssignmentResult greedy_assignment(const Instance& inst) {
  validate(inst);
  std::vector<std::int64_t> order;
  order.reserve(inst.edges.size());
  for (std::size_t k = 0; k < inst.edges.size(); ++k)
    if (inst.edges[k].score > 0) order.push_back(static_cast<std::int64_t>(k));
  const auto& ed = inst.edges;
  std::sort(order.begin(), order.end(), [&](std::int64_t a, std::int64_t b) {
    if (ed[a].score != ed[b].score) return ed[a].score > ed[b].score;
    if (ed[a].left != ed[b].left) return ed[a].left < ed[b].left;
    if (ed[a].right != ed[b].right) return ed[a].right < ed[b].right;
    return a < b;
  });
  std::vector<std::int32_t> rol(inst.num_left, -1);
  std::vector<std::int32_t> ur(inst.num_right(), 0), ug(inst.num_groups(), 0);
  for (std::int64_t k : order) {
    const Edge& x = ed[k];
    const std::int32_t g = inst.right_group[x.right];
    if (rol[x.left] >= 0 || ur[x.right] >= inst.right_slots[x.right] || ug[g] >= inst.group_capacity[g]) continue;
    rol[x.left] = x.right;
    ++ur[x.right];
    ++ug[g];
  }
  return check_assignment(inst, rol);
}

}  // namespace kanten::inline v1::bipartite
