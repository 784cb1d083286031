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
pdf-err-unprintable-invisible = { $field }に PDF のフォントで印刷できない見えない文字（{ $code }）が含まれています。削除してください
pdf-err-font = 同梱フォント { $name } を読み込めません。アプリを入れ直してください
pdf-err-needs-sex = 先に女性か男性かを選んでください（見積書は患者さん一人ごとに印刷します）
pdf-err-date = 見積日に有効期間を足すと暦の終わりを超えます。見積日を確認してください
# 治療の途中：残りの月は治療全体の何か月目かで表示します。
pdf-month-n = { $month }か月目
pdf-rest-later-month = { $month }か月目以降（毎月）
pdf-rest-later-months = { $month }か月目以降
pdf-rest-total = 残りの治療の合計（{ $months }か月）
pdf-plan-rest-length = 残りの治療期間
pdf-row-rest-total = 残りの治療の合計
pdf-progress = これまでの治療と今後
pdf-progress-so-far = これまで
pdf-progress-rest-month = 今回のお見積り（{ $month }か月目）
pdf-progress-rest-months = 今回のお見積り（{ $from }～{ $to }か月目）
pdf-progress-course = 治療全体
pdf-progress-col-dose = 服用量
pdf-progress-col-days = 期間
pdf-progress-col-cost = 費用
pdf-progress-days = { $days }日
pdf-progress-paid = { $amount }（お支払い済み）
# 料金表が求めるときの同意欄。
pdf-acceptance-text = 私は本見積書を受け取り、治療計画とその費用に同意します。
pdf-acceptance-name = お名前
pdf-acceptance-signature = ご署名
pdf-acceptance-date = 日付
pdf-tax-added-exempt = 税は月ごとに加算し、表に記載しています。非課税の項目: { $items }。
# The 見積書's conventions: quote number, staff member, the tax within the total.
pdf-quote-number = 見積番号
pdf-staff = 担当：{ $name }
pdf-included-tax = うち消費税 { $tax }
pdf-field-staff = 担当者名
pdf-err-quote-number = 見積番号「{ $number }」は、英数字と - / _ . # の1～32文字で指定してください。台帳が発行した番号を確認してください
