# The command line's text report (dose-planner quote).

cli-col-month = 月
cli-col-visit = 受診
cli-col-mg-day = mg/日
cli-col-capsules-day = カプセル/日
cli-col-mg-kg-day = mg/kg/日
cli-no-visit = -

cli-title = { $clinic } — お見積もり（{ $currency }、{ $tax }）
cli-tax-included = 税込
cli-tax-added = 消費税は月ごとに加算
cli-patient = { $sex }、{ $months }か月、{ $every }か月ごとに受診
cli-patient-weight = { $sex }、{ $kg } kg、{ $months }か月、{ $every }か月ごとに受診

cli-sum-month-1 = 1か月目：
cli-sum-each-later-month = 2か月目以降（毎月）：
cli-sum-later-months = 2か月目以降：
cli-sum-course-total = 治療全体の合計：
cli-sum-cumulative = 累積服用量：
cli-sum-target = 目標 { $target } mg/kg：
cli-sum-first-dose = 服用開始日：
cli-sum-last-dose = 最終服用日：
cli-sum-contraception-until = 避妊を続ける期限：
cli-sum-sun-and-laser-until = 日焼け・レーザー禁止期限：
cli-sum-laser-hair-removal-from = レーザー脱毛の再開：
cli-sum-vaccination-from = 予防接種の再開：
cli-sum-elective-surgery-from = 予定手術の再開：
cli-sum-next-course-from = 次のコースの開始：
cli-cumulative-value = { $days }日間で { $mg } mg
cli-cumulative-value-kg = { $days }日間で { $mg } mg（{ $mgkg } mg/kg）
cli-target-reached = { $day }日目（{ $month }か月目）に到達
cli-target-reached-date = { $day }日目（{ $month }か月目、{ $date }）に到達
cli-warnings = 警告：

cli-pdf-written = PDF を { $path } に保存しました
cli-note-prices-changed = この見積もりを保存した後に料金が変わりました。治療全体の合計は保存時 { $then }、現在の料金では { $now } です（現在の料金で計算するには --reprice）

# Errors of the command line (after `error: `).
cli-err-months-disagree = --months { $months } は --doses の { $doses } か月分の量（1か月に1つ）と合いません。--months を外してください
cli-err-no-dose = 服用量を指定してください：--daily-mg、--doses、または --weight-kg と --target-mg-per-kg
cli-err-no-sex = 患者さんの性別を指定してください：--sex female または --sex male
cli-err-target-unreachable = 体重 { $kg } kg で { $months } か月のうちに { $target } mg/kg に届くカプセルの量がありません：{ $error }
cli-err-same-file = --save と --pdf が同じファイル（{ $path }）を指しています。別々のファイル名にしてください
cli-err-sheet-missing = この見積もりを作った料金表（{ $sheet }）が見つからないか読めません。現在の料金表を --pricing FILE で指定してください
cli-err-cannot-reprice = 現在の料金表ではこの計画の料金を計算できません：{ $error }
cli-err-output = 結果を書き出せません：{ $reason }

# Errors of saved quotes (crates/core/src/saved.rs).
saved-err-not-a-quote = { $file } は保存した見積もりではありません（{ $line }:{ $column }：{ $message }）
saved-err-newer-version = { $file } は新しいバージョンのアプリで保存されています（形式 { $found }）。このバージョンが読めるのは形式 { $reads } までです
saved-err-unknown-version = { $file } の形式 { $found } はどのバージョンのアプリも書かない形式です。このアプリで保存した見積もりではありません
saved-err-age = { $file }：保存されている年齢（{ $got }）はありえません。年齢は 0 から { $max } までです
saved-err-quote-date = { $file }：保存されている見積日（{ $got }）が { $first } 年から { $last } 年の範囲外です。保存後にファイルが書き換えられています
saved-err-start-date = { $file }：保存されている開始日（{ $got }）が { $first } 年から { $last } 年の範囲外です。保存後にファイルが書き換えられています
saved-err-sheet = { $file }：保存されている料金が壊れています：{ $error }
saved-err-plan = { $file }：保存されている治療計画が正しくありません：{ $error }
saved-err-patient = { $file }：{ $error }
saved-err-total-mismatch = { $file }：保存されている合計 { $saved } が料金（{ $computed }）と合いません。保存後にファイルが書き換えられています
saved-err-sheet-mismatch = { $sheet }：この料金表は見積もりの計算に使った料金表ではありません。保存する前に計算し直してください
cli-packs-bought = 購入する箱数：{ $months }
cli-packs-month = { $month }か月目 { $packs }
cli-capsules-left = 最終服用後に残るカプセル：{ $capsules }

# What the quote chose from the sheet, under the patient line.
cli-product = 製品：{ $product }
# A line of the summary (a discount on the course, a test done only if needed).
cli-sum-label = { $label }：
cli-err-no-visit-kinds = この料金表の受診方法は来院のみです（[[visit_kinds]] がありません）。「{ $code }」は選べません
cli-err-no-products = この料金表の製品は1種類です（[[products]] がありません）。製品「{ $code }」は選べません
cli-err-no-discounts = この料金表には割引がありません（[[discounts]] がありません）。「{ $code }」は選べません
cli-err-leave-out = { $message }。{ $flags } を外してください
cli-sum-so-far = これまでの服用量：
cli-sum-rest = 今回の期間：
cli-sum-course = コース全体：
cli-target-reached-before = これまでの服用量ですでに到達
cli-err-target-already-reached = これまでに服用した { $taken } mg で、体重 { $kg } kg の目標 { $target } mg/kg（{ $needed } mg）にすでに達しています。目標のための追加の服用は不要です。それでも続ける月の費用を見るには --daily-mg を指定してください。
cli-tax-added-exempt = 税は月ごとに加算、非課税: { $items }
cli-opt-cheapest = 提案する計画（最安）
cli-opt-soonest = 提案する計画（最短）
cli-opt-frontier = 治療期間ごとの最安の計画
cli-opt-col-months = 月数
cli-opt-col-doses = 各月の mg/日
cli-opt-col-total = 合計
cli-opt-col-day = 目標到達日
saved-err-sheet-too-large = { $file }：この見積もりに保存された料金表は { $kb } KB あり、料金表は最大 { $limit } KB までです。ファイルは開いていません。クリニックの料金表で見積もりを保存し直してもらってください。
