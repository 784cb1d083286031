# コア（品目名・警告・注意事項・日付）の文字列。キーは固定。

item-consultation = 診察料
item-consultation-first = 初診料
item-consultation-return = 再診料
item-medication = お薬代
item-blood_test = 血液検査
item-urine_test = 尿妊娠検査
item-package = 月額パッケージ料金
item-tax = 消費税
item-subtotal = 小計
item-total = 合計

sex-female = 女性
sex-male = 男性
visit-first = 初診
visit-return = 再診
visit-none = 受診なし

warn-dose-above-2-mg-per-kg = { $day ->
        [heavier] { $month }か月目：交互投与 { $dose } の多い日（{ $mg } mg）は { $mgkg } mg/kg/日で、上限の 2 mg/kg/日を超えています。
       *[other] { $month }か月目：{ $mgkg } mg/kg/日は上限の 2 mg/kg/日を超えています。
    }
warn-month1-above-1-mg-per-kg = { $day ->
        [heavier] 1か月目：交互投与 { $dose } の多い日（{ $mg } mg）は { $mgkg } mg/kg/日です。開始量は 1 mg/kg/日以下（通常 0.5 以下）とし、毎月の受診時に増量してください。
       *[other] 1か月目：{ $mgkg } mg/kg/日。開始量は 1 mg/kg/日以下（通常 0.5 以下）とし、毎月の受診時に増量してください。
    }
warn-cumulative-below-120 = 累積投与量 { $mgkg } mg/kg は、再発を減らす 120〜150 mg/kg に達していません。
warn-cumulative-above-220 = 累積投与量 { $mgkg } mg/kg は 220 mg/kg を超えています。
warn-course-over-20-weeks = 治療期間は約 { $weeks } 週です。添付文書の一つでは推奨最長期間は 20 週です。
warn-course-over-8-months = 治療期間 { $months } か月は、最長 8 か月（標準 6 か月、効果が遅い場合 8 か月まで延長）を超えています。

caution-contraception-women = 服用中および最終服用後 { $months } か月間は確実な避妊が必要です。
caution-contraception-women-until = 服用中および { $date } まで（最終服用後 { $months } か月間）確実な避妊が必要です。
caution-contraception-men = 服用中および最終服用後 { $months } か月間は、パートナーの妊娠を避けてください。
caution-contraception-men-until = 服用中および { $date } まで（最終服用後 { $months } か月間）、パートナーの妊娠を避けてください。
caution-tests-at-visits = 表に示す検査は、その受診時に行います。
caution-pregnancy-test-clinic = 服用開始前と、表に示す受診時にクリニックで妊娠検査を行います。
caution-pregnancy-test-home = クリニックでは受診時の妊娠検査を行いません。服用中は毎月ご自宅で妊娠検査をし、陽性の場合はすぐにクリニックへご連絡ください。
caution-sun-and-laser = 服用中および服用終了後 { $months } か月間は日焼けを避け、レーザー・光治療を受けないでください。
caution-sun-and-laser-until = { $date } までは日焼けを避け、レーザー・光治療を受けないでください。
caution-take-after-meal = 食後すぐに服用してください。飲み忘れた場合は同じ日の次の食後に服用し、翌日に2回分を飲まないでください。
caution-unapproved-japan = イソトレチノインは国内未承認薬のため自費診療となり、医薬品副作用被害救済制度の対象外です。

consequence-contraindicated = 禁忌
consequence-caution = 注意
consequence-guardian = 保護者同伴が必要

check-pregnant = 妊娠中
check-breastfeeding = 授乳中
check-planning-pregnancy = 1年以内に妊娠を希望
check-severe-liver-disease = 重い肝疾患
check-hypervitaminosis-a = ビタミンA過剰症
check-allergy = イソトレチノインまたは添加物（パラベン・大豆・ピーナッツ）へのアレルギー
check-aspirin-asthma = アスピリン喘息
check-psychiatric = 精神疾患（うつ病・統合失調症）
check-bowel-or-liver-history = 潰瘍性大腸炎・クローン病・重い肝障害の既往
check-lipids-or-diabetes = 脂質異常症・糖尿病
check-lasik = 治療前後6か月以内のレーシック
check-laser-hair-removal = レーザー脱毛・光脱毛の予定
check-cannot-attend-monthly = 毎月の通院ができない

interaction-tetracycline = テトラサイクリン系抗菌薬との併用で頭蓋内圧が上がるおそれがあります。併用しないでください。
interaction-systemic-corticosteroid = 全身性ステロイドとの併用で骨量減少が進むおそれがあります（吸入・外用ステロイドは可）。
interaction-antiepileptic = 抗てんかん薬との併用で骨密度低下が進むおそれがあります。
interaction-vitamin-a = ビタミンAのサプリメント・ビタミンA入りマルチビタミンは毒性が重なるため中止してください。

warn-screen-pregnant = 妊娠中：イソトレチノインは禁忌です。
warn-screen-breastfeeding = 授乳中：イソトレチノインは禁忌です。
warn-screen-planning-pregnancy = 1年以内に妊娠を希望：イソトレチノインは禁忌です。
warn-screen-severe-liver-disease = 重い肝疾患：イソトレチノインは禁忌です。
warn-screen-hypervitaminosis-a = ビタミンA過剰症：イソトレチノインは禁忌です。
warn-screen-allergy = イソトレチノインまたは添加物（パラベン・大豆・ピーナッツ）へのアレルギー：禁忌です。
warn-screen-aspirin-asthma = アスピリン喘息：イソトレチノインは禁忌です。
warn-screen-psychiatric = 精神疾患：慎重投与。気分の変化があればすぐに申し出るよう伝えてください。
warn-screen-bowel-or-liver-history = 潰瘍性大腸炎・クローン病・重い肝障害の既往：慎重投与。
warn-screen-lipids-or-diabetes = 脂質異常症・糖尿病：慎重投与。脂質と血糖を確認してください。
warn-screen-lasik = 治療前後6か月以内のレーシック：どちらかを延期してください。
warn-screen-laser-hair-removal = レーザー脱毛：服用中と服用終了後1か月は中止してください。
warn-screen-cannot-attend-monthly = 毎月の通院ができない：毎月の受診と検査が必要です。
warn-age-under-15 = { $age }歳：15歳未満は骨端線が早く閉じるおそれがあります。
warn-age-under-18-guardian = { $age }歳：18歳未満は初診時に保護者の同伴が必要です。
warn-interaction-tetracycline = { $medicine }を服用中：テトラサイクリン系抗菌薬との併用で頭蓋内圧が上がるおそれがあります。
warn-interaction-systemic-corticosteroid = { $medicine }を服用中：全身性ステロイドとの併用で骨量減少が進むおそれがあります。
warn-interaction-antiepileptic = { $medicine }を服用中：抗てんかん薬との併用で骨密度低下が進むおそれがあります。
warn-interaction-vitamin-a = { $medicine }を服用中：ビタミンAは毒性が重なります。

caution-laser-hair-removal-from = レーザー脱毛は { $date } から再開できます。
caution-vaccination-from = 服用中および { $date } までは、必要な場合を除き予防接種を避けてください。
caution-vaccination = 服用中および服用終了後 { $months } か月間は、必要な場合を除き予防接種を避けてください。
caution-surgery-from = 美容目的などの予定手術（植毛など）は { $date } 以降にしてください。
caution-next-course-from = 次の治療は早くても { $date } から開始できます。
caution-alcohol = 服用中の飲酒は控えめにしてください（肝臓への負担）。
caution-interaction = { $medicine }：{ $text }

protocol-sheet = 当院の検査スケジュール
protocol-monthly = 毎回の受診時に血液検査
protocol-monthly-two-then-every-two = 最初の2か月は毎月、その後2か月ごと
protocol-baseline-then-every-two = 開始前、その後2か月ごと

# A calendar date in the language's usual long form.
date-long = { $y }年{ $m }月{ $d }日

err-not-a-dose = 「{ $text }」は1日量として読めません。40 のような1日の mg 数か、10/20 のような交互の量を入力してください。
err-zero-dose = 1日量 0 mg は投与量になりません。
err-absurd-dose = { $mg } mg/日は実際の投与量を大きく超えています（上限 { $max } mg/日）。
err-not-makeable = { $mg } mg は { $strengths } のカプセルの組み合わせでは作れません（カプセルは分割しません）。
err-no-months = 治療期間は1か月以上が必要です。
err-too-many-months = { $months } か月の治療は扱える期間（最長 { $max } か月）を超えています。
err-weight = 体重 { $kg } kg は入力できません。10〜300 kg の範囲で入力してください。
err-target = 累積目標 { $target } mg/kg は使えません。1〜400 の数を入力してください。
err-visit-every = この施設で1回に処方できるのは最長 { $max } か月分のため、{ $asked } か月ごとの受診はできません。
err-month = { $month }か月目：{ $error }
err-no-package = { $month }か月目：この施設の月額パッケージは { $available } mg/日のみで、{ $dose } mg/日の料金はありません。
err-name-too-long = 患者さんのお名前が { $chars } 文字あります。見積書に載せられるのは { $max } 文字までです。
err-name-control = 患者さんのお名前に目に見えない制御文字（{ $char }）が含まれています。お名前を入力し直してください。
err-overflow = 金額が大きすぎて正確に合計できません。料金表の価格を確認してください。
err-start-too-late = { $date } に始まる治療では日付が暦の終わりを超えます。開始日を確認してください。

# 料金表のエラー: 場所、そして内容（キーは sheet- と問題のコード）。
sheet-error-at = { $source }:{ $line }:{ $column }: { $reason }
sheet-error-at-line = { $source }:{ $line }:{ $column }: { $reason }（該当行: `{ $snippet }`）
sheet-choices-two = { $first } または { $second }
sheet-choices-many = { $list } のいずれか
sheet-toml = 料金表の書き方に誤りがあります。読み取り部品の英語の原文：「{ $detail }」
sheet-unknown-setting = 設定 `{ $key }` はここでは使えません。綴りを確認してください（ここで使える設定: { $allowed }）。
sheet-missing-setting = 設定 `{ $key }` がありません。このセクションに追加してください。
sheet-unknown-choice = `{ $got }` は選べません。{ $allowed } を指定してください。
sheet-negative-price = 価格にマイナスの値（{ $got }）は使えません。0 以上の整数で書いてください。
sheet-price-too-large = 価格 { $got } は医療機関の料金として大きすぎます（通貨の最小単位で { $max } まで）。数字を確認してください。
sheet-fractional-price = 価格は通貨の最小単位（円・ウォン・セント）の整数で書いてください（{ $got } と書かれています）。12.50 ドルなら 1250 と書きます。
sheet-quoted-price = 価格は引用符やカンマを付けずに数字だけで書いてください（"{ $got }" と書かれています）。
sheet-tax-rate-range = 税率は 0〜100 % で書いてください（{ $got } と書かれています）。
sheet-tax-rate-decimals = 税率は 0〜100 % の範囲で、小数点以下3桁までで書いてください（{ $got } と書かれています）。
sheet-control-character = この文字列には見積書を乱す目に見えない制御文字（{ $char }）が含まれています。削除してください。
sheet-empty-clinic-name = 医療機関名が空です。見積書に印刷する名称を書いてください。
sheet-minor-units = minor_units は 0〜4 で書いてください（{ $got } と書かれています）。
sheet-unknown-currency = 通貨「{ $code }」は登録されていません。JPY や KRW などの ISO コードを使うか、minor_units と symbol を書いてください。
sheet-currency-code = 通貨コードは JPY や KRW のような大文字3文字です（「{ $code }」と書かれています）。
sheet-valid-days = valid_days（見積の有効日数）は 1〜{ $max } で書いてください（{ $got } と書かれています）。
sheet-after-last-dose-months = { $key } = { $months } か月はどの医療機関の方針と比べても長すぎます。0〜{ $max } か月で書いてください。
sheet-too-many-tests = 料金表に書ける [[tests]] は { $max } 件までです（この料金表には { $count } 件あります）。
sheet-too-many-packages = 料金表に書ける [[packages]] は { $max } 件までです（この料金表には { $count } 件あります）。
sheet-too-many-capsules = 料金表に書けるカプセルの規格は { $max } 種類までです（この料金表には { $count } 種類あります）。
sheet-tax-rate-not-used = tax_rate_percent は tax_included = false のときだけ使います。削除するか、tax_included = false にしてください。
sheet-tax-rate-missing = tax_included = false の場合は [quote] に tax_rate_percent（例: 10）が必要です。
sheet-max-months-per-visit = max_months_per_visit は 1 か 2 で書いてください（{ $got } と書かれています）。
sheet-capsule-strength = カプセルの規格は 1〜{ $max } mg で書いてください（{ $mg } と書かれています）。
sheet-duplicate-capsule = { $mg } mg のカプセルが2回書かれています。
sheet-capsule-without-price = 項目別の料金表では { $mg } mg のカプセルに価格（price = …）が必要です。
sheet-no-capsules = 項目別の料金表には mg と price を書いた [[capsules]] が1件以上必要です。
sheet-packages-on-itemised = [[packages]] は月額定額の料金表（style = "flat"）で使います。この料金表は項目別です。
sheet-no-consultation = 項目別の料金表には first_visit と return_visit を書いた [consultation] セクションが必要です。
sheet-test-code = 検査コードは英小文字・数字・_ で書きます（例: blood_test）。「{ $code }」と書かれています。
sheet-duplicate-test = 検査「{ $code }」が2回書かれています。
sheet-test-months = 月数は 1〜{ $max } で書いてください（{ $got } と書かれています）。
sheet-test-without-name = 検査「{ $code }」には名前が必要です。例: name = {"{"} ja = "…", en = "…" {"}"}
sheet-consultation-on-flat = 月額定額の料金表に [consultation] は書けません。診察料はパッケージ料金に含まれます。
sheet-tests-on-flat = 月額定額の料金表に [[tests]] は書けません。検査料はパッケージ料金に含まれます。
sheet-package-dose = daily_mg は 1 以上で書いてください。
sheet-duplicate-package = { $mg } mg/日のパッケージが2回書かれています。
sheet-no-packages = 月額定額の料金表には daily_mg と price_per_month を書いた [[packages]] が1件以上必要です。
sheet-prescription-days-range = max_prescription_days は 1〜{ $max } 日で書いてください（{ $got } と書かれています）。
sheet-prescription-shorter-than-visit = max_prescription_days = { $got } は、1回の受診で処方できる { $days } 日分（max_months_per_visit = { $months }）より短くなっています。max_months_per_visit を減らすか max_prescription_days を増やしてください。
sheet-tax-exempt-not-used = tax_exempt は tax_included = false のときだけ使います。削除するか、tax_included = false にしてください。
sheet-tax-exempt-code = 「{ $code }」はこの料金表の項目ではありません。tax_exempt に書けるのは { $allowed } です。
sheet-duplicate-tax-exempt = tax_exempt に「{ $code }」が2回書かれています。
sheet-pregnancy-test-not-listed = where = "clinic" の場合は、院内の妊娠検査を [[tests]] に who = "women" で載せてください。患者さんが自宅で検査する場合は where = "home" と書いてください。
sheet-pregnancy-test-listed-for-home = 検査「{ $code }」は院内の女性向け検査ですが、[pregnancy_test] は where = "home" になっています。検査を削除するか where = "clinic" と書いてください。
err-prescription-days = この施設で1回に処方できるのは最長 { $max } 日分のため、{ $months } か月ごとの受診（{ $days } 日分の処方）はできません。毎月の受診を選んでください。
sheet-too-many-fees = 料金表に書ける [[fees]] は { $max } 件までです（この料金表には { $count } 件あります）。
sheet-fee-code = 料金コードは英小文字・数字・_ で書きます（例: registration）。「{ $code }」と書かれています。
sheet-fee-code-taken = 料金コード「{ $code }」は見積もりかこの料金表の検査がすでに使っています。{ $reserved } と検査のコードは使えません。別のコード（例: registration）にしてください。
sheet-duplicate-fee = 料金「{ $code }」が2回書かれています。
sheet-fee-without-name = 料金「{ $code }」には名前が必要です。例: name = {"{"} ja = "…", en = "…" {"}"}
sheet-pack-incomplete = 箱で売る { $mg } mg のカプセルには pack_size と pack_price の両方が必要です。
sheet-pack-and-price = { $mg } mg のカプセルに1カプセルの価格と箱の両方が書かれています。price = … か pack_size と pack_price のどちらかにしてください。
sheet-pack-on-flat = 定額の料金表ではカプセルに価格を付けないため、{ $mg } mg のカプセルに箱は書けません。
sheet-pack-size = 1箱のカプセル数は 1〜{ $max } で書いてください（{ $got } と書かれています）。
money-range = { $low }～{ $high }
item-shipping = 配送料
item-consultation-telephone = 電話再診料
item-consultation-online = オンライン再診料
item-course-discounts = コース全体の割引
item-as-needed = 必要時のみ（合計に含みません）
choice-visit-kind = 受診方法
choice-product = 製品
choice-discount = 割引
err-unknown-choice = この料金表には{ $what }「{ $code }」がありません。選べるもの: { $available }
err-first-visit-remote = 1か月目は初診のため来院が必要です。電話・オンライン診療は再診にのみ使えます。
err-visit-kinds = { $months }か月のコースに受診方法が{ $given }件指定されています。1か月に1件までにしてください。
err-discount-month = 割引「{ $code }」は{ $month }か月目の割引ですが、コースは{ $months }か月です。
err-discount-twice = 割引「{ $code }」が2回選ばれています。割引は1回だけ適用されます。
sheet-too-many-entries = { $section } は { $max } 件までです（この料金表は { $count } 件）。
sheet-entry-code = { $section } のコードは英小文字・数字・_ で書きます（例: telephone、monitor）。「{ $code }」と書かれています。
sheet-code-taken = { $section } のコード「{ $code }」は見積もりか、この料金表の検査・料金・受診方法がすでに使っています。{ $reserved } は使えません。別のコードにしてください。
sheet-duplicate-entry = 「{ $code }」が { $section } に2回書かれています。
sheet-entry-without-name = { $section } の「{ $code }」には名前が必要です（例: name = {"{"} ja = "…", en = "…" {"}"}）。
sheet-visit-kind-test = 受診方法の tests にはこの料金表の [[tests]] のコードを1回ずつ書きます。「{ $code }」はありません。検査: { $allowed }
sheet-test-schedule-conflict = 検査「{ $code }」に予定が2つ書かれています。as_needed、at_months、after_weeks（every_months と）、monthly_first_months（every_months と）のどれか1つにしてください。
sheet-test-month-list = at_months には 1〜{ $max } か月目を1つ以上書きます（{ $got } と書かれています）。
sheet-test-weeks = after_weeks は 0〜{ $max } 週で書いてください（{ $got } と書かれています）。
sheet-products-and-capsules = [[products]] がある料金表では、製品ごとに capsules か packages を書きます。最上位の [[capsules]] と [[packages]] を製品の中に移してください。
sheet-product-without-prices = 製品「{ $code }」に価格がありません。個別料金の表では capsules = [...]、定額の表では packages = [...] を書いてください。
sheet-discount-amount = 割引「{ $code }」には percent = … か amount = … のどちらか一方を書いてください。
sheet-discount-percent = 割引率は 0 より大きく 100 以下、小数点以下3桁までで書いてください（{ $got } と書かれています）。
sheet-discount-month = 割引の month は 1〜{ $max } で書いてください（{ $got } と書かれています）。
sheet-discount-month-not-used = month は on = "month" のときだけ使います。削除するか on = "month" にしてください。
warn-second-course-too-soon = 2回目のコースは前回の最終服用日（{ $last }）から{ $months }か月以上あけて開始してください：{ $date }以降。
visit-kind-in-person = 来院
visit-kind-telephone = 電話診療
visit-kind-online = オンライン診療
visit-kind-group = { $kind }（{ $months }）
visit-months-one = { $from }か月目
visit-months-range = { $from }～{ $to }か月目
visit-kinds-line = 受診方法: { $visits }
visit-kinds-separator = 、
list-separator = 、
warn-test-at-no-visit = { $test }（{ $price }）はこのコースで必要ですが、この計画ではそれを行う受診がありません。合計には含めていません。検査を行う受診を計画するか、どこで受けるかを患者さんに伝えてください。
item-at-no-visit = この計画のどの受診にも入らない検査（合計に含めません）
err-so-far-days-unknown = これまでの服用量 { $mg } mg には、これまでの治療日数が必要です。日数がないと治療期間と警告が正しくなりません。これまでの日数も入力してください。
err-so-far-average = { $days } 日間で { $mg } mg は1日平均 { $average } mg で、1日の上限 { $max } mg を超えています。これまでの服用量と日数を確認してください。
err-first-visit-under-way = 治療中のコースは再診で続きます。初診は新しいコースの始まりです。
opt-run = { $dose } mg を { $months } か月
opt-then = {"、その後 "}
opt-reaches = { $plan }：{ $day } 日目に { $target } mg/kg に到達
opt-less-than = { $other } より { $amount } 安い
opt-same-as = { $other } と同じ金額
opt-sooner-than = 最安の計画より { $days } 日早く、{ $amount } 高い
opt-sentence = { $reaches }。{ $versus }。
err-optimise-limits = 最適化の条件が使えません：期間は最長 24 か月（指定 { $months } か月）、最高用量は 0 より大きく 2.0 mg/kg/日以下、1か月目の用量は 0 より大きくしてください。
err-optimise-no-dose = このクリニックが出せる用量に 1日 { $max } mg 以内（1か月目の上限 { $start } mg）のものがありません。
err-optimise-unreachable = この条件では最長 { $months } か月で { $target } mg/kg に届く計画がありません。期間を延ばすか、用量の上限を上げてください。
err-in-hand = 手元のカプセルは箱売りの規格（{ $packs }）にだけ数えます。{ $mg } mg は数えられません。
sheet-min-months = { $got } か月以上の治療期間向けの価格は使えません（1 はすべての治療期間に当てはまります）。2〜{ $max } で書いてください。
err-min-months = { $what }の価格は { $needed } か月以上の治療期間だけのもので、この治療期間は { $months } か月です。この料金表にはほかの価格がありません。
