# PDF 見積書（src/pdf/）の文字列。

pdf-title = お見積書
pdf-doc-title = お見積書（{ $clinic }）
pdf-patient-name = { $name } 様
pdf-quote-date = 見積日
pdf-valid-until = 有効期限
pdf-phone = TEL { $phone }
pdf-first-month = 1か月目
pdf-later-month = 2か月目以降（毎月）
pdf-later-months = 2か月目以降
pdf-course-total = 治療全体の合計（{ $months }か月）
pdf-tax-included = 金額はすべて税込です。
pdf-tax-added = 消費税は月ごとに加算し、表に記載しています。
pdf-plan = 治療計画
pdf-plan-length = 治療期間
pdf-plan-length-value = { $months }か月（{ $days }日）、{ $every ->
    [1] 毎月受診
   *[other] { $every }か月ごとに受診
}
pdf-plan-dates = 服用期間
pdf-plan-dates-value = { $start }～{ $end }（最終服用日）
pdf-plan-product = お薬
pdf-plan-dose = 1日の服用量
pdf-mg-day = 1日{ $mg }mg
pdf-mg-alternate = { $a }mgと{ $b }mgを1日おきに交互
pdf-dose-month = { $month }か月目：{ $dose }
pdf-dose-months = { $from }～{ $to }か月目：{ $dose }
pdf-list-separator = 、
pdf-plan-weight = 体重
pdf-weight-value = { $kg }kg
pdf-plan-cumulative = 累積服用量
pdf-cumulative-value = { $mg }mg
pdf-cumulative-value-kg = { $mg }mg（{ $mgkg }mg/kg）
pdf-table = 月ごとの内訳
pdf-col-month = 月
pdf-col-dose = mg/日
pdf-col-capsules = 1日のカプセル
pdf-col-mgkg = mg/kg/日
pdf-col-subtotal = 月の合計
pdf-row-total = 治療全体の合計
pdf-as-needed-line = { $label }：{ $test } { $price }
pdf-none = —
pdf-note = 上記の治療計画にもとづく概算です。受診時に医師が服用量を変更した場合、金額も変わります。
pdf-cautions = 大切なお知らせ
pdf-bullet = ●
pdf-footer-clinic = { $clinic }　TEL { $phone }
pdf-page = { $page } / { $pages } ページ
pdf-field-patient = 患者さんのお名前
pdf-field-clinic-name = 料金表のクリニック名
pdf-field-clinic-address = 料金表のクリニック住所
pdf-field-clinic-phone = 料金表のクリニック電話番号
pdf-err-unprintable = { $field }に PDF のフォントで印刷できない文字「{ $char }」（{ $code }）が含まれています。削除するか別の書き方にしてください
pdf-err-font = 同梱フォント { $name } を読み込めません。アプリを入れ直してください
pdf-err-needs-sex = 先に女性か男性かを選んでください（見積書は患者さん一人ごとに印刷します）
pdf-err-date = 見積日に有効期間を足すと暦の終わりを超えます。見積日を確認してください
