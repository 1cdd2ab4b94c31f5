package risk

// A Run is what `poold risk simulate` produced: one Result per scenario, in
// the order the scenarios were given. Every figure is a float64 computed
// off-chain from the chain's exact integer state; nothing here depends on
// the number of workers.
type Run struct {
	Seed      uint64
	Paths     int
	Scenarios []Result
}

// Result is one scenario's outcome over all its paths.
type Result struct {
	Summary ScenarioSummary
	Series  Series       // percentile bands at the sample times
	Samples []PathSample // the first few paths in full, for paths.csv and the price plot
	Finals  Finals       // one value per path, for the histograms
}

// ScenarioSummary is a scenario's entry in summary.json.
type ScenarioSummary struct {
	Name        string   `json:"name"`
	Description string   `json:"description"`
	Denoms      []string `json:"denoms"`
	Paths       int      `json:"paths"`
	Steps       int      `json:"steps"`
	StepSeconds float64  `json:"step_seconds"`
	HorizonDays float64  `json:"horizon_days"`

	// LPOverHODL is the value of one pool share over the value of what it
	// held at the start, both at market prices, at the end: 1 means the LP
	// did as well as holding.
	LPOverHODL Distribution `json:"lp_over_hodl"`
	// ImpermanentLoss is LP/HODL − 1 with the fee income taken out: what
	// trading against the pool's curve cost the LP. A fee-less pool with
	// fixed weights traded only by arbitrageurs ends at the closed form
	// Π p_i^w_i / Σ w_i·p_i − 1 ≤ 0; fees compounding in the pool and flows
	// that pay it (exit fees, buyers above the market) can lift it above 0.
	ImpermanentLoss Distribution `json:"impermanent_loss"`
	// FeeIncome is the LPs' share of swap and join/exit fees, per share, at
	// the market prices when earned, over the start value of a share.
	FeeIncome Distribution `json:"fee_income"`
	// ArbitrageProfit is what the arbitrageurs made, after their gas cost,
	// each trade valued at its block's market prices, over the pool's start
	// value. It is not the LPs' loss one for one (LP/HODL counts that).
	ArbitrageProfit Distribution `json:"arbitrage_profit"`
	// FinalWeights are the normalized weights at the end, per denom.
	FinalWeights []Distribution `json:"final_weights"`
	// FinalPrices are the market prices at the end over those at the start,
	// per denom. Every value is in the scenario's outside unit, the unit of
	// market.prices.
	FinalPrices []Distribution `json:"final_prices"`
	// Activity is the mean count per path of what the agents and the pool did.
	Activity Activity `json:"activity"`
}

// Distribution summarizes one figure over the paths. Worst is the worst
// path for the LP: the lowest LP/HODL, impermanent loss or fee income, the
// highest arbitrage profit; for weights and prices, the lowest.
type Distribution struct {
	Mean  float64 `json:"mean"`
	P5    float64 `json:"p5"`
	P50   float64 `json:"p50"`
	P95   float64 `json:"p95"`
	Min   float64 `json:"min"`
	Max   float64 `json:"max"`
	Worst float64 `json:"worst"`
}

// Activity counts, as means per path.
type Activity struct {
	ArbitrageTrades float64 `json:"arbitrage_trades"`
	NoiseTrades     float64 `json:"noise_trades"`
	Joins           float64 `json:"joins"`
	Exits           float64 `json:"exits"`
	// Refused are operations the pool refused (circuit breakers, ratio
	// limits, paused swaps); the agent gave up or traded less.
	Refused         float64 `json:"refused"`
	StrategyUpdates float64 `json:"strategy_updates"`
}

// Series are percentile bands over time at the sample times (the start,
// then evenly spaced steps, the last step included).
type Series struct {
	TimesDays  []float64
	LPOverHODL Band
	LPValue    Band   // value of one share over its start value
	HODLValue  Band   // value of the start holdings over their start value
	Weights    []Band // per denom, normalized
	Prices     []Band // per denom, over the start price
}

// Band is the 5th, 50th and 95th percentile at each sample time.
type Band struct {
	P5, P50, P95 []float64
}

// PathSample is one whole path at the sample times; the outer index of
// Prices and Weights is the sample, the inner the denom.
type PathSample struct {
	Path      int
	Prices    [][]float64
	Weights   [][]float64
	LPValue   []float64
	HODLValue []float64
}

// Finals are the end values of every path, in path order.
type Finals struct {
	LPOverHODL      []float64
	ImpermanentLoss []float64
	FeeIncome       []float64
	ArbitrageProfit []float64
}
