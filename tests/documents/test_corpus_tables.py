"""Real plans with their task tables (Hà Nội, Đồng Tháp, Nghệ An, Đồng Nai, the Prime Minister, a ministry, a
department; tests/documents/corpus/, where each comes from in SOURCES.md): every cell of the appendix, written here
from the source document, against what the reader makes of the text form and of Word, Excel and PDF files built from
it (tests/documents/builders.py; each built and read once, module-scoped).

What a cell is expected to hold is what the document means, not what a simple reading of the text form gives: a
cell merged down over several task rows belongs to each of them; a task is the row the document numbers in its
"TT" column; a group of one task is a section titled with the heading its cell opens with, its task the whole cell
as written.

Hà Nội, «Kế hoạch triển khai đợt cao điểm 100 ngày … chuyển đổi số» (2026): the number column is split under
"Stt" into "TT" (tasks numbered 1 to 33 straight through) and "Chi tiết" (the group, 1 to 12, and the letter of a
task inside it, "a)", "b)"). A group row has "TT" empty; four groups (8 to 11) are a single task whose row has both
numbers and whose cell opens with the group's heading. The support, deliverable and deadline of group 1 are one
cell merged down over its eight tasks; the lead and support of group 12 over its two.
"""

from datetime import date
from pathlib import Path

import pytest

from tasks.documents import ProgrammeFormatError, read_programme_file
from tasks.documents.text import read_header
from tests.documents.builders import build_layout_docx, build_layout_xlsx
from tests.documents.test_pdf_import import build_pdf

CORPUS = Path(__file__).parent / "corpus"
FORMATS = ["txt", "docx", "xlsx", "pdf"]

HA_NOI_SECTIONS = [
    (
        "1",
        (
            "Làm sạch, di trú, tích hợp, chuẩn hóa nhóm dữ liệu thiết yếu, trọng điểm về Kho dữ liệu dùng chung "
            "của Thành phố."
        ),
    ),
    (
        "2",
        (
            "Tập trung cao điểm “45 ngày” về hoàn thiện cơ sở dữ liệu quốc gia về đất đai theo Chỉ thị số "
            "05/CT-TTg ngày 13/02/2025 của Thủ tướng Chính phủ"
        ),
    ),
    ("3", "Chuẩn hóa, tích hợp và liên thông hệ thống thông tin, bao gồm:"),
    (
        "4",
        (
            "Lựa chọn nhóm TTHC có tần suất cao, liên quan trực tiếp đến người dân, doanh nghiệp; tái thiết kế "
            "quy trình theo hướng đơn giản hoá thành phần hồ sơ, giảm thao tác trên môi trường số bảo đảm người "
            "dân, doanh nghiệp không phải cung cấp lại dữ liệu đã có trong CSDL của cơ quan nhà nước, bảo đảm "
            "hoàn thành các chỉ tiêu sau đây:"
        ),
    ),
    ("5", "Thu hút đầu tư và xúc tiến xuất khẩu trong lĩnh vực kinh tế số"),
    (
        "6",
        (
            "Cao điểm chuyển đổi số hoạt động kinh doanh cho các chợ, tuyến phố, hộ kinh doanh, doanh nghiệp nhỏ "
            "và vừa, các làng nghề truyền thống, bao gồm:"
        ),
    ),
    ("7", "Cao điểm phát triển thương mại điện tử, quảng bá sản phẩm địa phương và kích cầu tiêu dùng, bao gồm:"),
    ("8", "Phát triển kinh tế đêm sáng tạo"),
    ("9", "Phát triển mô hình du lịch số"),
    ("10", "Triển khai mô hình thôn, tổ dân phố số"),
    ("11", "Triển khai hệ thống HanoiCheck"),
    ("12", "Giải quyết dứt điểm việc phân bổ kinh phí và tăng tỷ lệ giải ngân cho chuyển đổi số:"),
]
HA_NOI_TASKS = [
    (
        "1",
        "1",
        "Dữ liệu đầu tư công, thu ngân sách, dự án đầu tư, doanh nghiệp, hộ kinh doanh",
        "Sở Tài chính",
        "Sở Khoa học và Công nghệ",
        ["30/8/2026"],
        "Hoàn thành tích hợp, di trú và chuẩn hóa dữ liệu về Kho dữ liệu dùng chung thành phố Hà Nội",
    ),
    (
        "1",
        "2",
        "Dữ liệu quy hoạch",
        "Sở Quy hoạch - Kiến trúc",
        "Sở Khoa học và Công nghệ",
        ["30/8/2026"],
        "Hoàn thành tích hợp, di trú và chuẩn hóa dữ liệu về Kho dữ liệu dùng chung thành phố Hà Nội",
    ),
    (
        "1",
        "3",
        "Dữ liệu đất đai, địa chính, môi trường",
        "Sở Nông nghiệp và Môi trường",
        "Sở Khoa học và Công nghệ",
        ["30/8/2026"],
        "Hoàn thành tích hợp, di trú và chuẩn hóa dữ liệu về Kho dữ liệu dùng chung thành phố Hà Nội",
    ),
    (
        "1",
        "4",
        "Dữ liệu xây dựng, hạ tầng kỹ thuật, giao thông, cấp thoát nước, chiếu sáng, cây xanh",
        "Sở Xây dựng/các công ty quản lý lĩnh vực liên quan",
        "Sở Khoa học và Công nghệ",
        ["30/8/2026"],
        "Hoàn thành tích hợp, di trú và chuẩn hóa dữ liệu về Kho dữ liệu dùng chung thành phố Hà Nội",
    ),
    (
        "1",
        "5",
        "Hồ sơ, kết quả giải quyết TTHC",
        "Trung tâm Phục vụ hành chính công, Sở, ban, ngành",
        "Sở Khoa học và Công nghệ",
        ["30/8/2026"],
        "Hoàn thành tích hợp, di trú và chuẩn hóa dữ liệu về Kho dữ liệu dùng chung thành phố Hà Nội",
    ),
    (
        "1",
        "6",
        "Dữ liệu quản lý văn bản và điều hành (QLVB)",
        "Văn phòng UBND Thành phố",
        "Sở Khoa học và Công nghệ",
        ["30/8/2026"],
        "Hoàn thành tích hợp, di trú và chuẩn hóa dữ liệu về Kho dữ liệu dùng chung thành phố Hà Nội",
    ),
    (
        "1",
        "7",
        "Dữ liệu y tế",
        "Sở Y tế",
        "Sở Khoa học và Công nghệ",
        ["30/8/2026"],
        "Hoàn thành tích hợp, di trú và chuẩn hóa dữ liệu về Kho dữ liệu dùng chung thành phố Hà Nội",
    ),
    (
        "1",
        "8",
        "Dữ liệu giáo dục",
        "Sở Giáo dục và Đào tạo",
        "Sở Khoa học và Công nghệ",
        ["30/8/2026"],
        "Hoàn thành tích hợp, di trú và chuẩn hóa dữ liệu về Kho dữ liệu dùng chung thành phố Hà Nội",
    ),
    (
        "2",
        "9",
        "Đối với khoảng 3,2 triệu thửa đất (đã được đo đạc, có dữ liệu)",
        "Sở Nông nghiệp và Môi trường",
        "UBND xã/phường, Công an Thành phố, Sở Khoa học và Công nghệ, cơ quan có liên quan",
        ["30/7/2026"],
        "Dữ liệu đạt tiêu chí “đúng, đủ, sạch, sống”",
    ),
    (
        "2",
        "10",
        "Đối với khoảng 950.000 thửa đất còn lại đang thực hiện đo đạc",
        "Sở Nông nghiệp và Môi trường",
        "UBND xã/phường, Công an Thành phố, Sở Khoa học và Công nghệ, cơ quan có liên quan",
        ["30/8/2026"],
        "Dữ liệu đạt tiêu chí “đúng, đủ, sạch, sống”",
    ),
    (
        "3",
        "11",
        (
            "Tổng rà soát, kiểm kê, đánh giá hiện trạng các phần mềm, hệ thống thông tin đang sử dụng; phân loại "
            "đề xuất phương án giữ lại, tích hợp, dừng, hợp nhất hoặc thay thế bằng nền tảng dùng chung (theo Kế "
            "hoạch số 20-KH/BCĐ 57 ngày 19/01/2026 của Ban Chỉ đạo 57 Thành ủy và Kế hoạch số 38/KH-UBND ngày "
            "26/01/2026 của UBND Thành phố)."
        ),
        "Sở Khoa học và Công nghệ",
        "Các Sở, ban, ngành, các đơn vị quản lý hệ thống",
        ["100 ngày kể từ ngày ban hành Kế hoạch"],
        (
            "Danh mục phần mềm, hệ thống giữ lại, tích hợp, dừng, hợp nhất hoặc thay thế bằng nền tảng dùng "
            "chung, phù hợp với Khung kiến trúc số Thành phố"
        ),
    ),
    (
        "3",
        "12",
        (
            "Xây dựng, triển khai hệ thống xác thực định danh người dùng cho các hệ thống thông tin, phần mềm, cơ "
            "sở dữ liệu dùng chung Thành phố - IDP (theo Kế hoạch số 131/KH-UBND ngày 31/3/2026 của UBND Thành "
            "phố)"
        ),
        "Sở Khoa học và Công nghệ",
        (
            "Công an Thành phố; Văn phòng UBND Thành phố; Trung tâm Phục vụ hành chính công; các cơ quan, đơn vị "
            "quản lý các hệ thống"
        ),
        ["100 ngày kể từ ngày ban hành Kế hoạch"],
        (
            "Hoàn thành việc triển khai IDP, có thể đăng nhập một lần (SSO) vào các hệ thống, phần mềm, cơ sở dữ "
            "liệu của Thành phố, tích hợp VNeID; lấy điểm truy cập thống nhất là Không gian làm việc số "
            "HanoiWork."
        ),
    ),
    (
        "3",
        "13",
        (
            "Tích hợp Không gian làm việc số HanoiWork với các hệ thống quản lý văn bản của 4 trục cơ quan trong "
            "hệ thống chính trị, bảo đảm dữ liệu liền mạch và giảm thao tác cho người dùng."
        ),
        "Sở Khoa học và Công nghệ",
        (
            "Văn phòng Thành ủy, Văn phòng HĐND Thành phố, Văn phòng UBND Thành phố, Văn phòng UB MTTQ Việt Nam "
            "Thành phố"
        ),
        ["30/9/2026"],
        (
            "Hoàn thành tích hợp kỹ thuật đảm bảo thông suốt dữ liệu, giảm thao tác cho cán bộ, công chức, viên "
            "chức, người lao động."
        ),
    ),
    (
        "4",
        "14",
        (
            "Cung cấp dịch vụ công trực tuyến và đơn giản TTHC dành cho doanh nghiệp, bảo đảm các chỉ tiêu tại "
            "cột sản phẩm."
        ),
        "Trung tâm Phục vụ hành chính công, các Sở, ban, ngành, UBND các xã, phường",
        "Đề nghị phối hợp với các Bộ, ngành liên quan",
        ["100 ngày kể từ ngày ban hành Kế hoạch"],
        (
            "- 100% được cung cấp trực tuyến; 80% được cung cấp trực tuyến toàn trình; - 100% hồ sơ TTHC của "
            "doanh nghiệp thực hiện trực tuyến, dừng việc tiếp nhận hồ sơ giấy; - Phê duyệt phương án tái cấu "
            "trúc, đơn giản hóa bảo đảm giảm 50% thời gian giải quyết, 50% thành phần hồ sơ."
        ),
    ),
    (
        "4",
        "15",
        (
            "100% hồ sơ phát sinh của nhóm 05 thủ tục giao dịch bảo đảm bằng quyền sử dụng đất, tài sản gắn liền "
            "với đất được thực hiện bằng hình thức trực tuyến toàn trình."
        ),
        (
            "Trung tâm Phục vụ hành chính công, Sở Nông nghiệp và Môi trường (Văn phòng Đăng ký đất đai và các "
            "Chi nhánh)"
        ),
        "Đề nghị phối hợp với các Bộ, ngành liên quan",
        ["100 ngày kể từ ngày ban hành Kế hoạch"],
        "100% hồ sơ phát sinh trực tuyến toàn trình",
    ),
    (
        "4",
        "16",
        (
            "Thí điểm miễn cấp phép xây dựng đối với các dự án nhà ở riêng lẻ đến 31/12/2027 để đánh giá chính "
            "thức, chuyển sang quản lý dựa vào dữ liệu, hậu kiểm"
        ),
        "UBND các xã, phường",
        "Sở Xây dựng",
        ["100 ngày kể từ ngày ban hành Kế hoạch"],
        "Thí điểm tại 126 xã, phường",
    ),
    (
        "4",
        "17",
        (
            "Đối với TTHC lấy ý kiến liên ngành, áp dụng tuyệt đối cơ chế “im lặng là đồng ý” khi quá thời hạn "
            "lấy ý kiến."
        ),
        "Các cơ quan, đơn vị giải quyết TTHC",
        "",
        ["Từ ngày ban hành Kế hoạch trở đi"],
        "Không để phát sinh hồ sơ chậm, muộn do quá thời hạn lấy ý kiến phối hợp nội bộ Thành phố.",
    ),
    (
        "5",
        "18",
        (
            "Xúc tiến, tháo gỡ và triển khai các dự án đầu tư mới trong lĩnh vực kinh tế số trên địa bàn. (ICT, "
            "công nghiệp công nghệ cao, công nghiệp công nghệ số, thương mại điện tử, logistics số, dịch vụ số, "
            "trung tâm dữ liệu, trung tâm tính toán hiệu năng cao, trí tuệ nhân tạo, công nghiệp văn hóa, kinh tế "
            "đêm sáng tạo, du lịch thông minh, trung tâm R&D, trụ sở khu vực của các tập đoàn công nghệ hàng đầu "
            "thế giới, giáo dục - y tế chất lượng cao, khu vui chơi giải trí ứng dụng công nghệ, v.v)"
        ),
        "Sở Tài chính, Ban Quản lý các Khu công nghệ cao và Khu công nghiệp thành phố Hà Nội",
        (
            "Sở Khoa học và Công nghệ, Sở Công Thương, Sở Xây dựng, Sở Văn hóa – Thể thao, Sở Du lịch và Sở, "
            "ngành liên quan"
        ),
        ["100 ngày kể từ ngày ban hành Kế hoạch"],
        (
            "- Phấn đấu 03-05 dự án quy mô lớn được chấp thuận chủ trương đầu tư, cấp giấy chứng nhận đăng ký đầu "
            "tư (hoặc điều chỉnh tăng vốn, mở rộng mục tiêu và quy mô dự án đầu tư); - Tổng vốn đầu tư mục tiêu "
            "khoảng 50.000 tỷ đồng."
        ),
    ),
    (
        "5",
        "19",
        (
            "Hỗ trợ doanh nghiệp công nghệ số Hà Nội xuất khẩu sản phẩm, dịch vụ công nghệ số ra thị trường nước "
            "ngoài (theo Nghị quyết số 59/2026/NQ-HĐND ngày 15/6/2026 của HĐND Thành phố)."
        ),
        "Sở Công Thương",
        "Sở Khoa học và Công nghệ, Sở Tài chính",
        ["100 ngày kể từ ngày ban hành Kế hoạch"],
        (
            "- Tối thiểu 20 doanh nghiệp công nghệ số Hà Nội có sản phẩm, dịch vụ tiềm năng xuất khẩu được lựa "
            "chọn tham gia chương trình; - Phấn đấu phát sinh doanh thu từ thị trường quốc tế trong Quý IV/2026."
        ),
    ),
    (
        "6",
        "20",
        (
            "Hỗ trợ chuyển đổi số cho hộ kinh doanh, doanh nghiệp nhỏ và vừa, làng nghề truyền thống bằng các nền "
            "tảng số (theo hướng dẫn của Sở Khoa học và Công nghệ)"
        ),
        "UBND các xã, phường",
        "Sở Khoa học và Công nghệ; Sở Tài chính; Sở Công Thương; Sở Nông nghiệp và Môi trường; Thuế Hà Nội",
        ["100 ngày kể từ ngày ban hành Kế hoạch"],
        (
            "Mỗi xã, phường bảo đảm tối thiểu 30% hộ kinh doanh, doanh nghiệp nhỏ và vừa, làng nghề truyền thống "
            "trên địa bàn được hỗ trợ chuyển đổi số trong chiến dịch này."
        ),
    ),
    (
        "6",
        "21",
        (
            "Tiếp tục triển khai đợt cao điểm hiện đại hóa quản lý thuế hộ kinh doanh, chuyển từ quản lý thuế "
            "khoán sang quản lý trên cơ sở dữ liệu số và hóa đơn điện tử"
        ),
        "Thuế Hà Nội",
        "Sở Khoa học và Công nghệ, UBND các xã, phường",
        ["100 ngày kể từ ngày ban hành Kế hoạch"],
        (
            "- 100% nhóm hộ có doanh thu trên 1 tỷ đồng sử dụng hóa đơn điện tử khởi tạo từ máy tính tiền; - Mở "
            "rộng thêm 5.000 hộ kinh doanh đăng ký sử dụng hóa đơn điện tử; - 100% hộ nộp thuế điện tử."
        ),
    ),
    (
        "6",
        "22",
        "Triển khai đợt cao điểm các chợ, tuyến phố kinh doanh không dùng tiền mặt",
        "UBND các xã, phường",
        "Sở Khoa học và Công nghệ, Thuế Hà Nội, Trung tâm Phục vụ hành chính công",
        ["100 ngày kể từ ngày ban hành Kế hoạch"],
        (
            "- 100% chợ dân sinh trên địa bàn 126 xã, phường triển khai thanh toán không dùng tiền mặt - Mỗi xã, "
            "phường triển khai tối thiểu 05 tuyến phố kinh doanh không dùng tiền mặt"
        ),
    ),
    (
        "6",
        "23",
        (
            "Triển khai AI hỗ trợ kinh doanh, bán hàng và chăm sóc khách hàng cho hộ kinh doanh, doanh nghiệp nhỏ "
            "và vừa, chuỗi bán lẻ - dịch vụ"
        ),
        "Sở Khoa học và Công nghệ",
        "Sở Tài chính, Sở Công Thương, sở, ngành có liên quan và UBND các xã, phường",
        ["100 ngày kể từ ngày ban hành Kế hoạch"],
        (
            "- Triển khai tối thiểu 01 bộ công cụ AI hỗ trợ; - Tối thiểu 1.000 hộ kinh doanh, hợp tác xã, doanh "
            "nghiệp nhỏ và vừa được hướng dẫn sử dụng. - Tối thiểu 5 chuỗi bán lẻ, dịch vụ quy mô lớn triển khai "
            "chính thức AI hỗ trợ hoạt động kinh doanh"
        ),
    ),
    (
        "7",
        "24",
        "Triển khai “Gian hàng sản phẩm Thủ đô Hà Nội” trên Sàn thương mại điện tử Shopee.",
        "Sở Công Thương",
        "Sở Nông nghiệp và Môi trường, Sở Khoa học và Công nghệ, UBND các xã, phường.",
        ["31/7/2026"],
        "Khai trương các gian hàng",
    ),
    (
        "7",
        "25",
        (
            "Hỗ trợ đưa sản phẩm OCOP, sản phẩm của làng nghề truyền thống, các sản phẩm có tiềm năng lên các sàn "
            "thương mại điện tử (theo hướng dẫn của Sở Công Thương)."
        ),
        "UBND các xã, phường",
        "Sở Công Thương, Sở Khoa học và Công nghệ, Sở Nông nghiệp và Môi trường",
        ["100 ngày kể từ ngày ban hành Kế hoạch"],
        (
            "Mỗi xã, phường bảo đảm hỗ trợ đưa tối thiểu 05 sản phẩm tiêu biểu lên sàn thương mại điện tử (trong "
            "đó, ưu tiên các sản phẩm tiêu biểu của các làng nghề, sản phẩm OCOP có tiềm năng cao)"
        ),
    ),
    (
        "7",
        "26",
        (
            "Tổ chức các buổi livestream có sự tham gia của lãnh đạo UBND xã, phường để giới thiệu, quảng bá, kết "
            "nối tiêu thụ sản phẩm OCOP, sản phẩm làng nghề, đặc sản, sản phẩm nông nghiệp, sản phẩm sáng tạo, "
            "điểm đến, tour/tuyến, sự kiện văn hóa - du lịch tiêu biểu trên địa bàn"
        ),
        "UBND các xã, phường",
        ("Sở Công Thương, Sở Khoa học và Công nghệ, Sở Văn hóa và Thể thao, Sở Du lịch, Sở Nông nghiệp và Môi trường"),
        ["100 ngày kể từ ngày ban hành Kế hoạch"],
        (
            "- 126 xã, phường tổ chức sự kiện livestreams (duy trì tối thiểu 01 lần/tuần) - Tối thiểu 2.000 sản "
            "phẩm/dịch vụ được giới thiệu, quảng bá."
        ),
    ),
    (
        "7",
        "27",
        "Tổ chức “Tháng khuyến mại số Hà Nội” trên cơ sở phối hợp trực tiếp với các sàn thương mại điện tử",
        "Sở Công Thương",
        (
            "Sở Khoa học và Công nghệ; Sở Nông nghiệp và Môi trường; Sở Du lịch; Sở Văn hóa và Thể thao; Thuế Hà "
            "Nội; UBND các xã, phường"
        ),
        ["100 ngày kể từ ngày ban hành Kế hoạch"],
        (
            "- Tổ chức thành công 01 đợt cao điểm khuyến mại số quy mô toàn Thành phố; - Doanh thu thương mại "
            "điện tử phát sinh trong đợt đạt tối thiểu 500 tỷ đồng; - Tối thiểu 500 doanh nghiệp, hộ kinh doanh "
            "Hà Nội tham gia."
        ),
    ),
    (
        "8",
        "28",
        (
            "Phát triển kinh tế đêm sáng tạo Triển khai thí điểm 02 mô hình kinh tế đêm sáng tạo (gồm 01 mô hình "
            "tại khu vực nội thành và 01 mô hình tại khu vực ngoại thành), không bao gồm các mô hình đã được "
            "triển khai trước Kế hoạch này."
        ),
        "Sở Văn hóa và Thể thao",
        "Sở Du lịch, Sở Khoa học và Công nghệ, các đơn vị quản lý địa điểm",
        ["100 ngày kể từ ngày ban hành Kế hoạch"],
        "02 mô hình kinh tế đêm sáng tạo được triển khai thí điểm trên thực tế.",
    ),
    (
        "9",
        "29",
        (
            "Phát triển mô hình du lịch số Phát triển mô hình du lịch số gắn với tiêu thụ sản phẩm địa phương (số "
            "hóa, quảng bá thông tin, đặt tour/vé/lịch online, kết hợp công nghệ số, thanh toán trực tuyến, thăm "
            "qua từ xa, …)."
        ),
        "Sở Du lịch",
        "Sở Văn hóa và Thể thao, Sở Khoa học và Công nghệ, UBND các xã, phường, các đơn vị quản lý điểm đến",
        ["100 ngày kể từ ngày ban hành Kế hoạch"],
        (
            "Tối thiểu 10 hoạt động/điểm du lịch được triển khai mô hình du lịch số toàn diện kết hợp với tiêu "
            "thụ sản phẩm địa phương."
        ),
    ),
    (
        "10",
        "30",
        (
            "Triển khai mô hình thôn, tổ dân phố số Mô hình được triển khai trên nền tảng Viettel Tammi, tích hợp "
            "với nền tảng Công dân Thủ đô số iHanoi (thực hiện theo hướng dẫn của Sở Khoa học và Công nghệ), gồm "
            "Group cộng đồng quy mô lớn, phòng họp online diện rộng, tài khoản Official Account (OA) chính thống, "
            "số hóa dịch vụ và thanh toán không dùng tiền mặt, các tính năng khác phục vụ quản trị thôn, tổ dân "
            "phố trên nền tảng số."
        ),
        (
            "UBND các xã, phường trực tiếp triển khai tại địa bàn Sở Khoa học và Công nghệ triển khai hệ thống, "
            "hạ tầng, dữ liệu."
        ),
        "UB MTTQ Việt Nam Thành phố, MTTQ cấp xã và Ban Công tác mặt trận",
        ["100 ngày kể từ ngày ban hành Kế hoạch"],
        "Hoàn thành triển khai đối với 100% (khoảng 2.729) thôn, tổ dân phố trên địa bàn thành phố Hà Nội",
    ),
    (
        "11",
        "31",
        (
            "Triển khai hệ thống HanoiCheck Triển khai “Hệ thống cơ sở dữ liệu về dinh dưỡng và an toàn thực phẩm "
            "học đường thành phố Hà Nội - HanoiCheck” tại toàn bộ cơ sở giáo dục có bếp ăn bán trú trên địa bàn "
            "Thành phố"
        ),
        (
            "Sở Giáo dục và Đào tạo, UBND các xã/phường triển khai tại các cơ sở giáo dục theo phân cấp. Sở Khoa "
            "học và Công nghệ triển khai hệ thống, hạ tầng, dữ liệu."
        ),
        (
            "Sở Nông nghiệp và Môi trường, Sở Giáo dục và Đào tạo, Sở Y tế, UBND các xã, phường, các cơ sở giáo "
            "dục thuộc đối tượng triển khai"
        ),
        ["100 ngày kể từ ngày ban hành Kế hoạch"],
        "100% cơ sở giáo dục có bếp ăn bán trú trên địa bàn toàn thành phố được triển khai",
    ),
    (
        "12",
        "32",
        (
            "Hoàn thành đề xuất phân bổ kinh phí các nhiệm vụ chuyển đổi số được giao tại Kế hoạch số 38/KH-UBND "
            "ngày 26/01/2026 và Kế hoạch số 131/KH-UBND ngày 31/3/2026 của UBND Thành phố và các Kế hoạch khác có "
            "nhiệm vụ chuyển đổi số cần triển khai trong năm 2026."
        ),
        "Các Sở, ban, ngành; UBND các xã, phường",
        "Sở Tài chính, Sở Khoa học và Công nghệ",
        ["31/7/2026"],
        "100% nhiệm vụ chuyển đổi số đã giao năm 2026 được phân bổ kinh phí thực hiện",
    ),
    (
        "12",
        "33",
        "Tăng tỷ lệ giải ngân ngân sách nhà nước chi cho chuyển đổi số.",
        "Các Sở, ban, ngành; UBND các xã, phường",
        "Sở Tài chính, Sở Khoa học và Công nghệ",
        ["100 ngày"],
        "Tỷ lệ giải ngân/phân bổ đạt tối thiểu 40%",
    ),
]

HA_NOI = "KH-UBND-ha-noi-cds-100-ngay-2026"

# Sở Y tế Hà Nội, Công văn «V/v di trú dữ liệu Hồ sơ sức khỏe điện tử …» (2026): a letter, not a plan, whose
# appendix I part II is a flat task table (TT, Công việc, Đơn vị thực hiện, Đơn vị phối hợp, Số ngày dự kiến). The
# last column gives each task's time as a number of days (twice "Sở KHCN đưa ra kế hoạch" instead): its timeframe.
SYT_MIGRATION = "CV-SYT-ha-noi-di-tru-hssk-2026"
SYT_TASKS = [
    (
        "",
        "1",
        "Xây dựng kế hoạch di trú dữ liệu sau khi chốt phương án",
        "Sở Y tế",
        "Sở KHCN, Tập đoàn Viettel",
        ["7"],
        "",
    ),
    (
        "",
        "2",
        "Đảm bảo hạ tầng theo Sizing, các giải pháp phần cứng đảm bảo ATTT cấp độ 3 theo hướng dẫn tại công văn số "
        "708/BTTTT-CATTT ngày 02/03/2024 đảm bảo kết nối HSSKĐT Thành phố với CSDL Quốc gia về dân cư",
        "Sở KHCN",
        "Sở Y tế",
        ["30"],
        "",
    ),
    (
        "",
        "3",
        "Đảm bảo đường truyền kết nối từ hạ tầng triển khai Hồ sơ sức khỏe thành phố (trên TTDL Thành phố) qua mang "
        "CPNET để có thể kết nối với CSDL Quốc gia về dân cư",
        "Sở KHCN",
        "Sở Y tế",
        ["Sở KHCN đưa ra kế hoạch"],
        "",
    ),
    (
        "",
        "4",
        "Đảm bảo đầu số SMS Brandname phục vụ đảm bảo ATTT ứng dụng",
        "Sở KHCN",
        "Sở Y tế",
        ["Sở KHCN đưa ra kế hoạch"],
        "",
    ),
    ("", "5", "Cài đặt Hệ điều hành, K8S hoặc thuê gói cài đặt", "Sở Y tế", "Sở KHCN, Tập đoàn Viettel", ["7"], ""),
    ("", "6", "Cài đặt CSDL và ứng dụng", "Tập đoàn Viettel", "Sở Y tế", ["10"], ""),
    (
        "",
        "7",
        "Phối hợp với Bộ Công An, Bộ KHCN đánh giá ATTT cấp độ 3 với hạ tầng, phần mềm Hồ sơ sức khỏe điện tử Thành "
        "phố Hà Nội",
        "Sở Y tế",
        "Sở KHCN, Tập đoàn Viettel",
        ["30"],
        "",
    ),
    (
        "",
        "8",
        "Xây dựng công văn về chuyển dữ liệu từ TTDL Tập đoàn Viettel về TTDL Thành phố",
        "Sở Y tế",
        "Tập đoàn Viettel",
        ["5"],
        "",
    ),
    (
        "",
        "9",
        "Thống nhất quy trình tiếp nhận dữ liệu, đầu mối tiếp nhận dữ liệu, phương thức bàn giao dữ liệu (đĩa lưu "
        "trữ, mật khẩu), biên bản bàn giao chuyển từ TTDL Tập đoàn Viettel về TTDL Thành phố đảm bảo an toàn, bảo mật",
        "Sở Y tế",
        "Sở KHCN, Tập đoàn Viettel",
        ["5"],
        "",
    ),
    (
        "",
        "10",
        "Cập nhật lại dữ liệu từ CSDL được Tập đoàn Viettel bàn giao về TTDL Thành phố",
        "Sở Y tế",
        "Sở KHCN, Tập đoàn Viettel",
        ["10"],
        "",
    ),
    ("", "11", "Chạy thử và vận hành thử", "Sở Y tế", "Tập đoàn Viettel", ["10"], ""),
    ("", "12", "Ký biên bản kết thúc di trú dữ liệu", "Sở Y tế", "Sở KHCN, Tập đoàn Viettel", ["1"], ""),
]

# From the stored copies of thuvienphapluat.vn pages in tnt305/tai_lieu_noi_bo (SOURCES.md): each table's cells
# as the page gives them, the page's line wrapping joined.
DONG_THAP_617 = "KH-617-UBND-dong-thap-2025"
DONG_THAP_617_SECTIONS = [
    ("I", "NÂNG CAO NHẬN THỨC VÀ ĐỔI MỚI TƯ DUY"),
    ("II", "HOÀN THIỆN CƠ CHẾ, CHÍNH SÁCH HỖ TRỢ CHUYỂN ĐỔI SỐ DOANH NGHIỆP"),
    ("III", "PHÁT TRIỂN HẠ TẦNG SỐ VÀ THÚC ĐẨY ỨNG DỤNG TRONG SẢN XUẤT KINH DOANH"),
    ("IV", "HỢP TÁC VÀ THU HÚT ĐẦU TƯ"),
]
DONG_THAP_617_TASKS = [
    (
        "I",
        "1",
        (
            "Triển khai nền tảng đào tạo trực tuyến mở đại trà, cung cấp kiến thức, kỹ năng số, công nghệ số "
            "cơ bản cho người dân, doanh nghiệp."
        ),
        "Sở KH&CN",
        "Các sở, ban, ngành tỉnh; UBND các xã, phường",
        ["Thường xuyên"],
        "",
    ),
    (
        "I",
        "2",
        "Triển khai đánh giá mức độ chuyển đổi số trong các doanh nghiệp trên địa bàn Tỉnh.",
        "Sở KH&CN",
        "Các sở, ban, ngành tỉnh; UBND các xã, phường",
        ["Thường xuyên"],
        "",
    ),
    (
        "I",
        "3",
        (
            "Biểu dương, tôn vinh, khen thưởng, khích lệ, động viên kịp thời bằng nhiều hình thức đa dạng cho "
            "các doanh nghiệp, tổ chức, cá nhân có thành tích trong chuyển đổi số."
        ),
        "Sở Nội vụ",
        "Sở KH&CN; các cơ quan, đơn vị liên quan",
        ["Thường xuyên, hằng năm"],
        "",
    ),
    (
        "II",
        "4",
        "Xây dựng Bộ tiêu chí đánh giá mức độ chuyển đổi số doanh nghiệp.",
        "Sở KH&CN",
        "Các sở, ban, ngành tỉnh",
        ["Quí IV-2025"],
        "",
    ),
    (
        "II",
        "5",
        (
            "Hỗ trợ cho các doanh nghiệp, nhất là doanh nghiệp nhỏ và vừa, hợp tác xã, hộ kinh doanh phát "
            "triển, kinh doanh trên môi trường số."
        ),
        "Sở Công Thương",
        "UBND các xã, phường",
        ["Quí IV-2025"],
        "",
    ),
    (
        "II",
        "6",
        (
            "Xây dựng Kế hoạch hỗ trợ doanh nghiệp tham gia phát triển các ứng dụng, dịch vụ số mới theo hình "
            "thức hợp tác công tư (PPP)"
        ),
        "Sở KH&CN",
        "Các sở, ban, ngành tỉnh; các đơn vị liên quan; UBND các xã, phường",
        ["Quí IV-2025"],
        "",
    ),
    (
        "II",
        "7",
        (
            "Hỗ trợ doanh nghiệp nhỏ và vừa theo Nghị định số 80/2021/NĐ-CP ngày 26/8/2021 của Chính phủ "
            "(lĩnh vực khoa học và công nghệ) trên địa bàn Tỉnh."
        ),
        "Sở KH&CN",
        "Các sở, ban, ngành tỉnh; các đơn vị liên quan; UBND các xã, phường",
        ["Hằng năm"],
        "",
    ),
    (
        "III",
        "8",
        "Xây dựng kế hoạch và triển khai hạ tầng 5G, IoT trong các khu công nghiệp, cụm công nghiệp.",
        "Sở KH&CN",
        "Ban Quản lý Khu kinh tế, Sở Công Thương, các doanh nghiệp viễn thông; các cơ quan, đơn vị liên quan",
        ["Quí IV-2025"],
        "",
    ),
    (
        "IV",
        "9",
        (
            "Tổ chức học tập kinh nghiệm các tỉnh, thành phố có các mô hình, chuyển đổi số trong các doanh "
            "nghiệp trên địa bàn Tỉnh."
        ),
        "Sở KH&CN",
        "Các sở, ban, ngành tỉnh; UBND các xã, phường",
        ["Thường xuyên"],
        "",
    ),
    (
        "IV",
        "10",
        (
            "Tổ chức xúc tiến đầu tư, thu hút, mời gọi các nhà đầu tư trong và ngoài nước có tiềm lực, thương "
            "hiệu mạnh trong các lĩnh vực công nghệ cao, công nghệ thông tin, chuyển đổi số."
        ),
        "Sở KH&CN",
        "Các sở, ban, ngành tỉnh; UBND các xã, phường",
        ["Thường xuyên"],
        "",
    ),
    (
        "IV",
        "11",
        (
            "Đẩy mạnh hợp tác với doanh nghiệp, viện, trường trong và ngoài nước về chuyển đổi số trong các "
            "doanh nghiệp trên địa bàn tỉnh phù hợp với đặc thù, tiềm năng, thế mạnh của địa phương."
        ),
        "Sở KH&CN",
        "Các sở, ban, ngành tỉnh; UBND các xã, phường",
        ["Quí IV-2025"],
        "",
    ),
]

DONG_THAP_552 = "KH-552-UBND-dong-thap-2025"
DONG_THAP_552_SECTIONS = [
    ("I", "NHÓM GIẢI PHÁP VỀ CƠ CHẾ CHÍNH SÁCH"),
    ("II", "HỖ TRỢ VÀ PHÁT TRIỂN CÔNG NGHỆ"),
    ("III", "GIẢI PHÁP TRONG CHUYỂN ĐỔI CÔNG NGHỆ TRONG CÁC NGÀNH"),
    ("IV", "PHÁT TRIỂN NGUỒN NHÂN LỰC"),
]
DONG_THAP_552_TASKS = [
    (
        "I",
        "1",
        (
            "Rà soát, kịp thời cụ thể hoá các cơ chế, chính sách khuyến khích xã hội hóa, thu hút đầu tư "
            "(PPP, FDI, ODA) hỗ trợ đổi mới công nghệ phù hợp với điều kiện kinh tế xã hội của tỉnh."
        ),
        "Sở Tài chính",
        "Sở, ban, ngành có liên quan",
        ["Thường xuyên"],
        "",
    ),
    (
        "I",
        "2",
        ("Đề xuất giải pháp cải thiện môi trường đầu tư, kinh doanh; ưu tiên thu hút dự án ứng dụng công nghệ cao."),
        "Sở Tài chính",
        "Sở Công Thương; Ban Quản lý khu Kinh tế tỉnh Đồng Tháp",
        ["2026"],
        "",
    ),
    (
        "I",
        "3",
        "Nghiên cứu, tư vấn, phản biện chính sách, giải pháp công nghệ.",
        "Liên hiệp các Hội Khoa học và Kỹ thuật",
        "Sở, ban, ngành có liên quan",
        ["Thường xuyên"],
        "",
    ),
    (
        "I",
        "4",
        (
            "Xây dựng cơ chế đặt hàng nghiên cứu khoa học và công nghệ của Tỉnh gắn với nhu cầu thực tiễn, "
            "khuyến khích mô hình hợp tác công - tư (PPP) trong phát triển hạ tầng công nghệ và đổi mới sáng "
            "tạo."
        ),
        "Sở Khoa học và Công nghệ",
        "Viện, Trường; Doanh nghiệp, Sở, ban, ngành có liên quan",
        ["2026"],
        "",
    ),
    (
        "II",
        "1",
        (
            "Xây dựng chương trình hỗ trợ nghiên cứu, ứng dụng, chuyển giao, đổi mới công nghệ cao cho doanh "
            "nghiệp, hợp tác xã, hộ sản xuất."
        ),
        "Sở Khoa học và Công nghệ",
        "Sở, ban, ngành có liên quan",
        ["2026"],
        "",
    ),
    (
        "II",
        "2",
        (
            "Phát triển hệ sinh thái đổi mới sáng tạo, phối hợp triển khai vận hành hoạt động ứng dụng, "
            "chuyển giao công nghệ."
        ),
        "Sở Khoa học và Công nghệ",
        "Sở, ban, ngành có liên quan",
        ["2025 - 2035"],
        "",
    ),
    (
        "II",
        "3",
        (
            "Xây dựng và triển khai Chương trình/ Đề án phát triển hạ tầng số, dữ liệu số, chính quyền số, "
            "kinh tế số và xã hội số."
        ),
        "Sở Khoa học và Công nghệ",
        "Sở, ban, ngành có liên quan",
        ["2025 - 2035"],
        "",
    ),
    (
        "II",
        "4",
        (
            "Hỗ trợ doanh nghiệp ứng dụng công nghệ số trong quản trị sản xuất, kinh doanh, đặc biệt là "
            "thương mại điện tử và logistics."
        ),
        "Sở Công Thương",
        "Doanh nghiệp; Sở, ban, ngành có liên quan",
        ["2025 - 2035"],
        "",
    ),
    (
        "II",
        "5",
        (
            "Đẩy mạnh hợp tác, liên kết với viện nghiên cứu, trường đại học, doanh nghiệp để tiếp nhận, "
            "chuyển giao công nghệ tiên tiến."
        ),
        "Sở Khoa học và Công nghệ",
        "Viện, Trường; Doanh nghiệp; Sở, ban, ngành có liên quan",
        ["Thường xuyên"],
        "",
    ),
    (
        "III",
        "1",
        (
            "Triển khai công nghệ cao trong trồng trọt, thủy sản, chăn nuôi; phát triển nông nghiệp thông "
            "minh, tuần hoàn, thích ứng biến đổi khí hậu."
        ),
        "Sở Nông nghiệp và Môi trường",
        "Viện, Trường; Sở, ban, ngành có liên quan",
        ["2025 - 2035"],
        "",
    ),
    (
        "III",
        "2",
        (
            "Hướng dẫn hợp tác xã, nông dân ứng dụng công nghệ số, truy xuất nguồn gốc, quan trắc tài nguyên, "
            "môi trường."
        ),
        "Sở Nông nghiệp và Môi trường",
        "Viện, Trường; Sở, ban, ngành có liên quan",
        ["2025 - 2030"],
        "",
    ),
    (
        "III",
        "3",
        (
            "Hỗ trợ doanh nghiệp tiếp cận chính sách khuyến công để đổi mới máy móc, thiết bị và công nghệ "
            "trong chế biến, bảo quản."
        ),
        "Sở Công Thương",
        "Doanh nghiệp, Sở, ban, ngành có liên quan",
        ["2025 - 2035"],
        "",
    ),
    (
        "III",
        "4",
        ("Ứng dụng công nghệ số trong quản lý, quảng bá và phát triển du lịch thông minh; hỗ trợ dịch vụ số hóa."),
        "Sở Văn hoá Thể thao du lịch",
        "Viện, Trường; Sở, ban, ngành có liên quan",
        ["2025 - 2030"],
        "",
    ),
    (
        "III",
        "5",
        (
            "Phối hợp triển khai Chương trình/đề án hỗ trợ đổi mới công nghệ, ứng dụng công nghệ số, sản xuất "
            "thông minh trong các khu công nghiệp, khu kinh tế."
        ),
        "Ban Quản lý khu Kinh tế",
        "Doanh nghiệp, Sở, ban, ngành có liên quan",
        ["2025 - 2030"],
        "",
    ),
    (
        "IV",
        "1",
        (
            "Xây dựng và triển khai các chương trình, kế hoạch đào tạo, bồi dưỡng nhân lực chất lượng cao đáp "
            "ứng yêu cầu đổi mới công nghệ, chuyển đổi số."
        ),
        "Sở Giáo dục và Đào tạo",
        "Viện, Trường; Sở, ban, ngành có liên quan",
        ["2025 - 2030"],
        "",
    ),
    (
        "IV",
        "2",
        (
            "Đổi mới chương trình, nội dung giảng dạy, tập trung vào nâng cao kiến thức khoa học công nghệ, "
            "kỹ năng số, tư duy đổi mới sáng tạo."
        ),
        "Sở Giáo dục và Đào tạo",
        "Viện, Trường; Sở, ban, ngành có liên quan",
        ["2025 - 2030"],
        "",
    ),
    (
        "IV",
        "3",
        (
            "Đào tạo, bồi dưỡng nhân lực thức khoa học và công nghệ; phối hợp triển khai thí điểm, nhân rộng "
            "mô hình công nghệ mới."
        ),
        "Liên hiệp các Hội Khoa học và Kỹ thuật",
        "Viện, Trường; Sở, ban, ngành có liên quan",
        ["Thường xuyên"],
        "",
    ),
    (
        "IV",
        "4",
        (
            "Tổ chức các hoạt động tập huấn, đào tạo nhân lực trong lĩnh vực nông nghiệp công nghệ cao, công "
            "nghệ môi trường."
        ),
        "Sở Nông nghiệp và Môi trường",
        "Viện, Trường; Sở, ban, ngành có liên quan",
        ["Thường xuyên"],
        "",
    ),
    (
        "IV",
        "5",
        (
            "Vận động, khuyến khích hội viên, doanh nghiệp tham gia các chương trình đổi mới công nghệ, khởi "
            "nghiệp sáng tạo."
        ),
        "Hiệp hội Doanh nghiệp",
        "Doanh nghiệp",
        ["Thường xuyên"],
        "",
    ),
]

HA_NOI_310 = "KH-310-UBND-ha-noi-2025"
HA_NOI_310_SECTIONS = [
    ("", ""),
]
HA_NOI_310_TASKS = [
    (
        "",
        "1",
        (
            "Tổ chức điều chỉnh, bổ sung quy hoạch hạ tầng viễn thông trong các khu công nghệ cao và khu công "
            "nghiệp đến năm 2030"
        ),
        "Ban Quản lý các khu công nghệ cao và khu công nghiệp",
        "Sở Khoa học và Công nghệ Sở Công Thương; UBND các phường, xã",
        ["Quý III Năm 2026"],
        "",
    ),
    (
        "",
        "2",
        (
            "Khảo sát, đánh giá thực trạng hạ tầng viễn thông, nhu cầu chuyển đổi số doanh nghiệp trong các "
            "khu công nghệ cao, khu công nghiệp, cụm công nghiệp"
        ),
        "Ban Quản lý các khu công nghệ cao và khu công nghiệp",
        "Sở Khoa học và Công nghệ, Sở Công Thương, Các doanh nghiệp viễn thông",
        ["Quý IV/2025- Quý II/2026"],
        "",
    ),
    (
        "",
        "3",
        (
            "Xây dựng kế hoạch đầu tư công, hợp tác công tư, dự toán kinh phí ngân sách nhà nước đảm bảo thực "
            "hiện các mục tiêu, nhiệm vụ của Kế hoạch này trong phạm vi quản lý theo quy định của pháp luật"
        ),
        "Ban Quản lý các khu công nghệ cao và khu công nghiệp",
        "Sở Tài chính",
        ["Thường xuyên"],
        "",
    ),
    (
        "",
        "4",
        (
            "Tổ chức triển khai thực hiện các dự án phát triển hạ tầng có sử dụng vốn Ngân sách nhà nước hoặc "
            "theo hình thức hợp tác công tư (PPP)"
        ),
        "Ban Quản lý các khu công nghệ cao và khu công nghiệp",
        "Các doanh nghiệp đầu tư hạ tầng",
        ["Thường xuyên"],
        "",
    ),
    (
        "",
        "5",
        (
            "Doanh nghiệp, nhà cung cấp dịch vụ IoT, nhà đầu tư bảo đảm kinh phí thực hiện các mục tiêu, "
            "nhiệm vụ, giải pháp của kế hoạch này do doanh nghiệp triển khai"
        ),
        "Doanh nghiệp, nhà cung cấp dịch vụ IoT, nhà đầu tư",
        "Ban Quản lý các khu công nghệ cao và khu công nghiệp, Sở Khoa học và Công nghệ, Sở Công Thương",
        ["Thường xuyên"],
        "",
    ),
    (
        "",
        "6",
        (
            "Thực hiện khảo sát, thu nhập số liệu, công bố kết quả triển khai thực hiện các mục tiêu, nhiệm "
            "vụ, giải pháp phát triển hạ tầng 5G,IoT đặt ra tại Kế hoạch này"
        ),
        "Ban Quản lý các khu công nghệ cao và khu công nghiệp",
        "Sở Khoa học và Công nghệ",
        ["Hàng năm"],
        "",
    ),
]

TTG_2597 = "QD-2597-TTg-2025"
TTG_2597_SECTIONS = [
    ("I", "CƠ CHẾ, CHÍNH SÁCH"),
    ("II", "CHỈ ĐẠO, ĐIỀU HÀNH"),
    ("III", "HẠ TẦNG KỸ THUẬT PHỤC VỤ CHUYỂN ĐỔI SỐ"),
    ("IV", "CHUYỂN ĐỔI SỐ TRONG CÁC LĨNH VỰC CHUYÊN NGÀNH"),
    ("V", "BẢO ĐẢM AN TOÀN THÔNG TIN"),
    ("VI", "PHÁT TRIỂN NGUỒN NHÂN LỰC"),
    ("VII", "HỢP TÁC QUỐC TẾ"),
]
TTG_2597_TASKS = [
    (
        "I",
        "1",
        (
            "Rà soát toàn diện các luật, nghị định, thông tư có liên quan đến đầu tư xây dựng, quản lý, khai "
            "thác kết cấu hạ tầng để cập nhật, bổ sung nội dung về chuyển đổi số, dữ liệu số, hồ sơ điện tử, "
            "bản sao số (Digital Twin), mô hình thông tin công trình (BIM), và vận hành thông minh"
        ),
        "Bộ Xây dựng",
        "Các bộ, ngành liên quan",
        ["2026"],
        "Các Văn bản quy phạm pháp luật được sửa đổi, bổ sung",
    ),
    (
        "I",
        "2",
        (
            "Đề xuất sửa đổi hoặc ban hành mới các quy định về giá trị pháp lý của dữ liệu điện tử, quy trình "
            "sử dụng hồ sơ số trong công tác thẩm định, nghiệm thu, bàn giao, giám sát, kiểm tra công trình"
        ),
        "Bộ Xây dựng",
        "Các bộ, ngành liên quan",
        ["2026"],
        "Các Văn bản quy phạm pháp luật được ban hành mới hoặc sửa đổi, bổ sung",
    ),
    (
        "I",
        "3",
        (
            "Xây dựng và ban hành các tiêu chuẩn quốc gia, quy chuẩn kỹ thuật về cơ sở dữ liệu số về công "
            "trình hạ tầng, bản sao số (Digital Twin) công trình hạ tầng, chuẩn kết nối và chia sẻ dữ liệu hạ "
            "tầng; áp dụng BIM trong toàn bộ vòng đời công trình; ứng dụng các công nghệ như IoT, AI, cảm "
            "biến thông minh trong quản lý vận hành hạ tầng"
        ),
        "Bộ Xây dựng",
        "Bộ Khoa học và Công nghệ",
        ["2026-2027"],
        "Các tiêu chuẩn quốc gia, quy chuẩn kỹ thuật được ban hành",
    ),
    (
        "I",
        "4",
        (
            "Thiết lập cơ chế tích hợp, liên thông và khai thác dữ liệu kết cấu hạ tầng giữa các hệ thống "
            "quản lý hạ tầng của các lĩnh vực xây dựng, giao thông, đô thị nhằm hình thành hệ sinh thái dữ "
            "liệu kết cấu hạ tầng quốc gia"
        ),
        "Bộ Xây dựng",
        "Các bộ, ngành, địa phương",
        ["2026-2027"],
        "Văn bản quy định được ban hành",
    ),
    (
        "I",
        "5",
        (
            "Thiết lập cơ chế kiểm tra, giám sát và đánh giá hiệu quả thực hiện chuyển đổi số trong xây dựng, "
            "quản lý, khai thác kết cấu hạ tầng theo các tiêu chí về dữ liệu, nền tảng, quy trình, nhân lực "
            "và kết quả đầu ra"
        ),
        "Bộ Khoa học và Công nghệ",
        "Bộ Xây dựng",
        ["2026-2027"],
        "Văn bản quy định được ban hành",
    ),
    (
        "II",
        "1",
        (
            "Chuẩn hóa các danh mục dữ liệu, biểu mẫu, cấu trúc dữ liệu kết cấu hạ tầng theo tiêu chuẩn thống "
            "nhất phục vụ liên thông dữ liệu giữa trung ương và địa phương, giữa các lĩnh vực hạ tầng giao "
            "thông, đô thị"
        ),
        "Bộ Xây dựng",
        "Bộ Khoa học và Công nghệ",
        ["2026"],
        "Các danh mục dữ liệu, biểu mẫu được chuẩn hóa",
    ),
    (
        "II",
        "2",
        ("Triển khai mã định danh thống nhất cho công trình hạ tầng phục vụ công tác theo dõi, quản lý công trình"),
        "Bộ Xây dựng",
        "Bộ Khoa học và Công nghệ",
        ["2026"],
        "Các công trình hạ tầng được gán mã định danh thống nhất",
    ),
    (
        "II",
        "3",
        (
            "Xây dựng, hoàn thiện hệ thống quản lý, điều hành tập trung dựa trên dữ liệu kết cấu hạ tầng theo "
            "thời gian thực, bao gồm giám sát tiến độ dự án, phát hiện rủi ro kỹ thuật, quản lý bảo trì, lập "
            "kế hoạch đầu tư trung hạn"
        ),
        "Bộ Xây dựng",
        "Các bộ, ngành liên quan",
        ["2026-2027"],
        "Hệ thống thông tin tập trung",
    ),
    (
        "II",
        "4",
        (
            "Kết nối, chia sẻ dữ liệu kết cấu hạ tầng với các hệ thống, cơ sở dữ liệu đất đai, quy hoạch, cấp "
            "phép xây dựng, giao thông thông minh... để hỗ trợ ra quyết định và đồng bộ dữ liệu"
        ),
        "Bộ Xây dựng",
        "Bộ Nông nghiệp và Môi trường, các địa phương",
        ["2026"],
        "Kết nối, chia sẻ dữ liệu kết cấu hạ tầng với các hệ thống liên quan",
    ),
    (
        "III",
        "1",
        (
            "Đầu tư xây dựng và nâng cấp hạ tầng công nghệ thông tin đồng bộ từ trung ương đến địa phương "
            "phục vụ lưu trữ, xử lý, truyền tải và chia sẻ dữ liệu về kết cấu hạ tầng trên phạm vi toàn quốc"
        ),
        "Bộ Xây dựng, các địa phương",
        "Các bộ, ngành liên quan",
        ["2026-2030"],
        "Hạ tầng công nghệ thông tin đồng bộ",
    ),
    (
        "III",
        "2",
        (
            "Xây dựng trung tâm dữ liệu (Data Center) hoặc sử dụng hạ tầng điện toán đám mây (Cloud) đáp ứng "
            "yêu cầu lưu trữ dữ liệu bản sao số công trình, dữ liệu BIM, GIS và cảm biến IoT theo thời gian "
            "thực"
        ),
        "Bộ Xây dựng",
        "Các bộ, ngành liên quan",
        ["2026-2030"],
        "Trung tâm dữ liệu hoặc hạ tầng điện toán đám mây (Cloud)",
    ),
    (
        "III",
        "3",
        (
            "Phát triển hệ thống định danh và mã hóa hạ tầng theo chuẩn thống nhất cho các công trình hạ tầng "
            "(mã số công trình, mã số hạng mục...) phục vụ quản lý dữ liệu xuyên suốt vòng đời công trình; "
            "tích hợp hệ thống mã số công trình với cơ sở dữ liệu quốc gia về đầu tư công, đất đai, giao "
            "thông, xây dựng và đô thị"
        ),
        "Bộ Xây dựng",
        "Bộ Tài chính, Bộ Nông nghiệp và Môi trường, các địa phương",
        ["2026-2027"],
        (
            "Tích hợp hệ thống mã số công trình với cơ sở dữ liệu quốc gia về đầu tư công, đất đai, giao "
            "thông, xây dựng và đô thị"
        ),
    ),
    (
        "III",
        "4",
        (
            "Xây dựng và vận hành thí điểm Trung tâm điều hành hạ tầng thông minh cho các lĩnh vực xây dựng, "
            "giao thông, đô thị có khả năng cảnh báo sự cố và tình trạng bất thường của công trình; phân tích "
            "dữ liệu và hỗ trợ ra quyết định trong vận hành, bảo trì; tích hợp bản sao số (Digital Twin), bản "
            "đồ GIS, dữ liệu BIM vào Trung tâm điều hành hạ tầng thông minh để điều hành linh hoạt, đa "
            "chiều..."
        ),
        "Bộ Xây dựng",
        "Các bộ, ngành liên quan",
        ["2026-2030"],
        "Trung tâm điều hành hạ tầng thông minh",
    ),
    (
        "III",
        "5",
        (
            "Phát triển hạ tầng đo lường, giám sát và thu thập dữ liệu hiện trường các công trình hạ tầng "
            "trọng điểm để thu thập dữ liệu trạng thái kết cấu hạ tầng theo thời gian thực; xây dựng hệ thống "
            "truyền dẫn dữ liệu từ công trình về trung tâm xử lý thông qua các công nghệ mạng viễn thông hoặc "
            "hạ tầng truyền dẫn chuyên dùng."
        ),
        "Bộ Xây dựng",
        "Bộ Khoa học và Công nghệ; các doanh nghiệp viễn thông",
        ["2026-2030"],
        "Hệ thống truyền dẫn dữ liệu",
    ),
    (
        "III",
        "6",
        (
            "Xây dựng bản đồ số quy hoạch khoáng sản làm vật liệu xây dựng và mạng lưới cơ sở sản xuất vật "
            "liệu xây dựng tại Việt Nam tích hợp nền bản đồ số vệ tinh giúp trực quan hóa dữ liệu quy hoạch, "
            "hỗ trợ phân tích và ra quyết định"
        ),
        "Bộ Xây dựng",
        "Các bộ, ngành, địa phương liên quan",
        ["2026-2028"],
        "Bản đồ số quy hoạch khoáng sản",
    ),
    (
        "IV",
        "1",
        "Chuyển đổi số trong hoạt động xây dựng, quản lý, khai thác kết cấu hạ tầng đô thị",
        "Bộ Xây dựng",
        "Các địa phương",
        ["2026-2030"],
        "Triển khai đồng bộ",
    ),
    (
        "IV",
        "2",
        "Chuyển đổi số trong hoạt động xây dựng, quản lý, khai thác kết cấu hạ tầng giao thông",
        "Bộ Xây dựng",
        "Các bộ, ngành, địa phương liên quan",
        ["2026-2030"],
        "Triển khai đồng bộ",
    ),
    (
        "IV",
        "3",
        "Xây dựng kho dữ liệu mô hình thông tin công trình (BIM) quốc gia",
        "Bộ Xây dựng",
        "Các bộ, ngành, địa phương liên quan",
        ["2026-2028"],
        "Kho dữ liệu mô hình BIM quốc gia",
    ),
    (
        "V",
        "1",
        (
            "Đầu tư hệ thống an toàn, bảo mật hạ tầng kỹ thuật đáp ứng cấp độ an toàn thông tin theo quy định "
            "của Luật An toàn thông tin mạng và các văn bản hướng dẫn liên quan; thiết lập hệ thống dự phòng, "
            "sao lưu, phục hồi dữ liệu kết cấu hạ tầng và tổ chức giám sát an ninh mạng 24/7 cho các nền tảng "
            "dữ liệu và ứng dụng vận hành hạ tầng trọng yếu"
        ),
        "Bộ Xây dựng, các địa phương",
        "Các bộ, ngành liên quan",
        ["2026-2030"],
        "Đảm bảo an toàn, bảo mật hệ thống",
    ),
    (
        "VI",
        "1",
        (
            "Nghiên cứu, xây dựng chương trình và tổ chức đào tạo, bồi dưỡng về chuyển đổi số trong hoạt động "
            "xây dựng, quản lý, khai thác kết cấu hạ tầng xây dựng cho đối tượng cán bộ, công chức, viên "
            "chức, người lao động ngành xây dựng"
        ),
        "Bộ Xây dựng",
        "Bộ Khoa học và Công nghệ",
        ["2026-2030"],
        "Các chương trình, kế hoạch được ban hành",
    ),
    (
        "VI",
        "2",
        (
            "Hình thành đội ngũ cán bộ thực hiện chuyển đổi số trong các cơ quan, đơn vị phục vụ công tác xây "
            "dựng, quản lý, khai thác kết cấu hạ tầng xây dựng"
        ),
        "Bộ Xây dựng, các địa phương",
        "Các bộ, ngành liên quan",
        ["2026-2030"],
        "Cán bộ đáp ứng yêu cầu chuyển đổi số",
    ),
    (
        "VI",
        "3",
        (
            "Xây dựng khung năng lực và tổ chức đào tạo, bồi dưỡng cho đối tượng là cán bộ, công chức, viên "
            "chức thực hiện chuyển đổi số trong xây dựng, quản lý, khai thác kết cấu hạ tầng xây dựng"
        ),
        "Bộ Xây dựng",
        "Bộ Khoa học và Công nghệ; các bộ, ngành liên quan",
        ["2026-2030"],
        "Khung năng lực chuyển đổi số trong xây dựng, quản lý, khai thác kết cấu hạ tầng xây dựng",
    ),
    (
        "VII",
        "1",
        (
            "Liên kết với các viện nghiên cứu, trường đại học nước ngoài để đào tạo chuyên gia trong lĩnh vực "
            "kết cấu hạ tầng; trao đổi chuyên gia, tổ chức hội thảo quốc tế, nghiên cứu ứng dụng kỹ thuật "
            "tiên tiến vào điều kiện tại Việt Nam; tham gia các tổ chức, diễn đàn quốc tế và khu vực"
        ),
        "Bộ Xây dựng",
        "Các bộ, ngành liên quan",
        ["2026-2028"],
        "Khóa đào tạo, hội thảo được tổ chức",
    ),
    (
        "VII",
        "2",
        "Tăng cường hợp tác quốc tế trong lĩnh vực xây dựng, quản lý, khai thác kết cấu hạ tầng",
        "Bộ Xây dựng",
        "Các bộ, ngành liên quan",
        ["2026-2030"],
        "Đẩy mạnh hợp tác quốc tế",
    ),
    (
        "VII",
        "3",
        (
            "Hợp tác đầu tư và tài chính, thu hút vốn đầu tư nước ngoài vào hạ tầng xây dựng qua ODA, PPP, "
            "FDI trong xây dựng, khai thác cảng, sân bay, đường sắt, đường bộ, đô thị thông minh"
        ),
        "Bộ Tài chính",
        "Bộ Xây dựng",
        ["2026-2030"],
        "Đẩy mạnh hợp tác quốc tế",
    ),
]

NGHE_AN_980 = "KH-980-UBND-nghe-an-2025"
NGHE_AN_980_SECTIONS = [
    ("I", "KIỆN TOÀN VÀ HOÀN THIỆN CƠ CHẾ CHỈ ĐẠO, ĐIỀU HÀNH PHÒNG THỦ DÂN SỰ"),
    ("II", "TRIỂN KHAI ĐỒNG BỘ VĂN BẢN QUY PHẠM PHÁP LUẬT, CƠ CHẾ, CHÍNH SÁCH VỀ PHÒNG THỦ DÂN SỰ"),
]
NGHE_AN_980_TASKS = [
    (
        "I",
        "1",
        (
            "Tổ chức lại Ban Chỉ huy Phòng thủ dân sự cấp tỉnh, cấp xã; ban hành quy chế hoạt động của Ban "
            "Chỉ huy phòng thủ dân sự các cấp (Điều 7, 8 Nghị định)"
        ),
        "Bộ CHQS tỉnh; UBND cấp xã",
        "Văn phòng Ban Chỉ huy; các sở, ban, ngành",
        ["Trước ngày 30/11/2025"],
        "Quyết định của Chủ tịch UBND cấp tỉnh, cấp xã",
    ),
    (
        "II",
        "1",
        (
            "Triển khai thực hiện một số nội dung chi, mức chi đặc thù trong nội dung chi ngân sách cho hoạt "
            "động phòng thủ dân sự."
        ),
        "Sở Tài chính",
        "Cơ quan, địa phương liên quan",
        ["Thường xuyên"],
        "",
    ),
    (
        "II",
        "2",
        (
            "Triển khai thực hiện khi có sửa đổi hoặc ban hành mới Quyết định thay thế Quyết định số "
            "118/2008/QĐ-TTg ngày 27/8/2008 của Thủ tướng Chính phủ ban hành Quy chế quản lý tài chính đối "
            "với hoạt động tìm kiếm cứu nạn, cứu hộ, ứng phó thiên tai, thảm họa."
        ),
        "Sở Tài chính",
        "Cơ quan, địa phương liên quan",
        ["2025"],
        "",
    ),
    (
        "II",
        "3",
        (
            "Triển khai thực hiện khi có Thông tư mới thay thế Thông tư số 92/2009/TT- BTC ngày 12/5/2009 và "
            "Thông tư số 85/2020/TT-BTC ngày 01/10/2020 của Bộ Tài chính"
        ),
        "Sở Tài chính",
        "Cơ quan, địa phương liên quan",
        ["2025"],
        "",
    ),
    (
        "II",
        "4",
        "Hướng dẫn phương pháp, trình tự thống kê phù hợp với lĩnh vực quản lý các ngành",
        "Sở, ban, ngành, tổ chức chính trị - xã hội",
        "Cơ quan liên quan",
        ["2025"],
        "",
    ),
    (
        "II",
        "5",
        (
            "Hướng dẫn thanh toán chi phí khám bệnh, chữa bệnh, xử lý môi trường, phòng, chống dịch bệnh nguy "
            "hiểm trong phòng thủ dân sự"
        ),
        "Sở Y tế",
        "Sở Tài chính và cơ quan, địa phương liên quan",
        ["2025"],
        "",
    ),
    (
        "II",
        "6",
        (
            "Tiếp nhận các số, tần số trực canh, cấp cứu khẩn cấp; bảo đảm quyền ưu tiên sử dụng các phương "
            "tiện thông tin liên lạc phục vụ chỉ đạo, điều hành về phòng thủ dân sự"
        ),
        "Sở Khoa học và Công nghệ",
        "Cơ quan, địa phương liên quan",
        ["2025"],
        "",
    ),
    (
        "II",
        "7",
        (
            "Ban hành Quy chế Phối hợp tìm kiếm, cứu nạn trên biển, trong vùng nước cảng biển và thủy nội địa "
            "thay thế Quy chế hiện hành"
        ),
        "Sở Xây dựng",
        "Văn phòng Ban Chỉ huy và cơ quan, địa phương liên quan",
        ["Sau khi có Quy chế của TW"],
        "Quyết định Chủ tịch UBND tỉnh",
    ),
    (
        "II",
        "8",
        "Ban hành Quy chế Phối hợp tìm kiếm, cứu nạn hàng không dân dụng thay thế Quy chế hiện hành",
        "Sở Xây dựng",
        "Văn phòng Ban Chỉ huy và cơ quan, địa phương liên quan",
        ["Sau khi có Quy chế của TW"],
        "Quyết định Chủ tịch UBND tỉnh",
    ),
]

DONG_NAI_179 = "KH-179-UBND-dong-nai-2025"
DONG_NAI_179_SECTIONS = [
    ("A", "PHÁT TRIỂN NỀN MÓNG CHO KINH TẾ SỐ VÀ XÃ HỘI SỐ"),
    ("A.I", "Hoàn thiện thể chế"),
    ("A.II", "Phát triển hạ tầng"),
    ("A.III", "Phát triển nền tảng số"),
    ("A.IV", "Phát triển dữ liệu số"),
]
DONG_NAI_179_TASKS = [
    (
        "A.I",
        "1.1",
        (
            "Rà soát, xây dựng, sửa đổi, bổ sung các quy định pháp luật cho phù hợp với sự phát triển kinh tế "
            "số, xã hội số của tỉnh; rà soát, chỉnh sửa, bổ sung cơ chế, chính sách, văn bản quy phạm pháp "
            "luật trong từng ngành, lĩnh vực để cụ thể hóa việc thúc đẩy giao dịch điện tử trong mọi mặt kinh "
            "tế - xã hội; xây dựng các chính sách để bảo đảm tỷ lệ hoạt động trực tuyến chiếm tối thiểu 50% "
            "tổng số hoạt động trong mỗi cơ quan, tổ chức, ngành, lĩnh vực"
        ),
        "Sở Tư pháp",
        "Các sở, ban, ngành; UBND các phường, xã",
        ["2026 - 2030"],
        "Các cơ chế, chính sách; các văn bản quy phạm pháp luật",
    ),
    (
        "A.II",
        "2.1",
        (
            "Triển khai hạ tầng số và hạ tầng bưu chính; Triển khai chiến lược, kế hoạch chuyển đổi số, lộ "
            "trình số hóa và thông minh hóa lĩnh vực hạ tầng khoa học công nghệ và đổi mới sáng tạo"
        ),
        "Sở Khoa học và Công nghệ",
        "Các sở, ban, ngành; UBND các phường, xã; Các doanh nghiệp cung cấp dịch vụ bưu chính",
        ["2026 - 2030"],
        "Các giải pháp về hạ tầng số và hạ tầng bưu chính; Chiến lược và Kế hoạch",
    ),
    (
        "A.II",
        "2.2",
        (
            "Triển khai chiến lược, kế hoạch chuyển đổi số, lộ trình số hoá và thông minh hoá lĩnh vực giao "
            "thông và lĩnh vực hạ tầng đô thị"
        ),
        "Sở Xây dựng",
        "Các sở, ban, ngành; UBND các phường, xã",
        ["2026 - 2030"],
        "Chiến lược và Kế hoạch",
    ),
    (
        "A.II",
        "2.3",
        (
            "Triển khai chiến lược, kế hoạch chuyển đổi số, lộ trình số hóa và thông minh hóa lĩnh vực hạ "
            "tầng cung cấp điện; hạ tầng thương mại, công nghiệp, năng lượng, nâng cao năng lực cạnh tranh và "
            "phát triển dịch vụ logistics"
        ),
        "Sở Công Thương",
        "Các sở, ban, ngành; UBND các phường, xã",
        ["2026 - 2030"],
        "Chiến lược và Kế hoạch",
    ),
    (
        "A.II",
        "2.4",
        (
            "Triển khai chiến lược, kế hoạch chuyển đổi số, lộ trình số hóa và thông minh hóa lĩnh vực hạ "
            "tầng thủy lợi và ứng phó với biến đổi khí hậu"
        ),
        "Sở Nông nghiệp và Môi trường",
        "Các sở, ban, ngành; UBND các phường, xã",
        ["2026 - 2030"],
        "Chiến lược và Kế hoạch",
    ),
    (
        "A.II",
        "2.5",
        ("Triển khai chiến lược, kế hoạch chuyển đổi số, lộ trình số hóa và thông minh hóa lĩnh vực hạ tầng y tế"),
        "Sở Y tế",
        "Các sở, ban, ngành; UBND các phường, xã",
        ["2026 - 2030"],
        "Chiến lược và Kế hoạch",
    ),
    (
        "A.II",
        "2.6",
        (
            "Triển khai chiến lược, kế hoạch chuyển đổi số, lộ trình số hóa và thông minh hóa lĩnh vực hạ "
            "tầng văn hóa, thể thao, du lịch"
        ),
        "Sở Văn hóa, Thể thao và Du lịch",
        "Các sở, ban, ngành; UBND các phường, xã",
        ["2026 - 2030"],
        "Chiến lược và Kế hoạch",
    ),
    (
        "A.II",
        "2.7",
        (
            "Xây dựng Kế hoạch đẩy mạnh phát triển hạ tầng kết nối số cho người dân; phủ mạng cáp quang, mạng "
            "di động băng thông rộng đến tất cả các thôn, tổ dân phố, khu vực dân sinh; tăng nhanh tỷ lệ "
            "người dùng Internet, đặc biệt ở khu vực nông thôn; nâng cao dung lượng kết nối và chất lượng "
            "dịch vụ mạng. Triển khai Nền tảng địa chỉ số, bản đồ số tạo hạ tầng mềm cho phát triển kinh tế "
            "số và xã hội số"
        ),
        "Sở Khoa học và Công nghệ",
        "UBND các phường xã; Các doanh nghiệp cung cấp dịch vụ viễn thông",
        ["2026 - 2030"],
        "Kế hoạch và nền tảng địa chỉ số và bản đồ số",
    ),
    (
        "A.II",
        "2.8",
        (
            "Triển khai chiến lược, kế hoạch chuyển đổi số, lộ trình số hóa và thông minh hóa lĩnh vực hạ "
            "tầng khu công nghiệp, khu kinh tế"
        ),
        "Ban Quản lý các Khu công nghiệp, khu kinh tế",
        "Các sở, ban, ngành; UBND các phường, xã",
        ["2026 - 2030"],
        "Chiến lược và Kế hoạch",
    ),
    (
        "A.II",
        "2.9",
        "Triển khai Khu công nghệ số tập trung Long thành, Khu đổi mới sáng tạo, Khu công nghệ cao",
        "Sở Khoa học và Công nghệ",
        "Ban Quản lý các Khu công nghiệp khu kinh tế, Sở Tài chính, UBND các phường, xã có liên quan",
        ["2026 - 2030"],
        "Dự án được triển khai",
    ),
    (
        "A.III",
        "3",
        "Xây dựng và tổ chức triển khai kế hoạch thúc đẩy sử dụng nền tảng số quốc gia trên địa bàn tỉnh",
        "Sở Khoa học và Công nghệ",
        "Các sở, ban, ngành; UBND các phường, xã",
        ["2026"],
        "Kế hoạch",
    ),
    (
        "A.IV",
        "4.1",
        "Xây dựng Kế hoạch triển khai Chiến lược dữ liệu quốc gia trên địa bàn tỉnh",
        "Công an tỉnh",
        "Các sở, ban, ngành; UBND các phường, xã",
        ["2025"],
        "Kế hoạch (đã thực hiện)",
    ),
    (
        "A.IV",
        "4.2",
        (
            "Triển khai kế hoạch phát triển dữ liệu và phát triển nhân lực dữ liệu trong các lĩnh vực trọng "
            "điểm. Bảo đảm dữ liệu được tạo lập tuân thủ theo định dạng máy đọc được, sẵn sàng khả năng chia "
            "sẻ, khai thác, sử dụng một cách dễ dàng"
        ),
        "Các cơ quan quản lý các lĩnh vực trọng điểm tại điểm d, khoản 1, mục III",
        "UBND các phường, xã",
        ["2026 - 2030"],
        "Kế hoạch",
    ),
    (
        "A.IV",
        "4.3",
        "Triển khai Nền tảng tổng hợp, phân tích dữ liệu tập trung cấp tỉnh",
        "Sở Khoa học và Công nghệ",
        "Các sở, ban, ngành; UBND các phường, xã",
        ["2026 - 2030"],
        "Nền tảng",
    ),
    (
        "A.IV",
        "4.4",
        (
            "Đề án đẩy mạnh ứng dụng Cơ sở dữ liệu quốc gia về dân cư phục vụ phát triển kinh tế - xã hội và "
            "chuyển đổi số quốc gia"
        ),
        "Công an tỉnh",
        "Các sở, ban, ngành; UBND các phường xã",
        ["2026 - 2030"],
        "Giải pháp",
    ),
    (
        "A.IV",
        "4.5",
        "Triển khai về định danh và xác thực điện tử",
        "Công an tỉnh",
        "Các sở, ban, ngành; UBND các phường xã",
        ["2026 - 2030"],
        "Giải pháp",
    ),
    (
        "A.IV",
        "4.6",
        "Triển khai Hệ thống định danh và xác thực điện tử trên nền tảng Cơ sở dữ liệu Công an tỉnh",
        "Công an tỉnh",
        "Các sở, ban, ngành; UBND các phường xã",
        ["2026 - 2030"],
        "Giải pháp",
    ),
    (
        "A.IV",
        "4.7",
        (
            "Bảo đảm, xác thực thông tin trên nền tảng cơ sở dữ liệu quốc gia về dân cư, kết nối để phục vụ "
            "việc xác nhận mức độ bảo đảm, xác thực của danh tính số của người dân"
        ),
        "Công an tỉnh",
        "Các sở, ban, ngành; UBND các phường xã",
        ["2026 - 2030"],
        "Giải pháp",
    ),
]

BVHTTDL_6225 = "CV-6225-BVHTTDL-2025"
BVHTTDL_6225_SECTIONS = [
    ("", ""),
]
BVHTTDL_6225_TASKS = [
    (
        "",
        "1",
        (
            "Đẩy nhanh tiến độ xây dựng, làm sạch, kết nối và đưa vào vận hành, khai thác hiệu quả 03/7 cơ sở "
            "dữ liệu chuyên ngành theo lộ trình đã đề ra tại Nghị quyết số 71/NQ-CP ngày 01/4/2025 bảo đảm "
            "tuân thủ Khung kiến trúc dữ liệu quốc gia tổng thể, Khung quản trị, quản lý dữ liệu, Từ điển dữ "
            "liệu dùng chung và quy định về kết nối chia sẻ dữ liệu bắt buộc trong hệ thống chính trị."
        ),
        "Các Cục: Di sản văn hóa, Bản quyền tác giả",
        "Trung tâm Chuyển đổi số VHTTDL",
        ["Tháng 12/2025"],
        (
            "Đưa vào vận hành, khai thác hiệu quả: CSDL Đăng ký quyền tác giả, quyền liên quan; CSDL Di sản "
            "văn hóa phi vật thể (hệ thống thông tin quản lý di sản văn hóa phi vật thể); CSDL Hiện vật (Hệ "
            "thống thông tin quản lý hiện vật)"
        ),
    ),
    (
        "",
        "2",
        "Xây dựng và triển khai Mô hình du lịch thông minh ứng dụng các tiện ích của Đề án 06",
        "Cục Du lịch Quốc gia Việt Nam",
        "Trung tâm Chuyển đổi số VHTTDL",
        ["Tháng 12/2025"],
        "Mô hình du lịch thông minh ứng dụng các tiện ích của Đề án 06 được ban hành và triển khai.",
    ),
    (
        "",
        "3",
        "Xây dựng bộ quy tắc ứng xử văn hóa trên môi trường số",
        "Cục Phát thanh truyền hình và Thông tin điện tử",
        "Các cơ quan, đơn vị liên quan",
        ["Tháng 12/2025"],
        "Bộ quy tắc ứng xử văn hóa trên môi trường số được ban hành.",
    ),
    (
        "",
        "4",
        (
            "Thực hiện ngay việc rà soát, tái cấu trúc quy trình đối với các thủ tục hành chính thuộc phạm vi "
            "quản lý của Bộ VHTTDL theo Kế hoạch số 02-KH/BCĐTW, bảo đảm cắt giảm tối đa các bước, thành phần "
            "hồ sơ không cần thiết trên cơ sở tái sử dụng dữ liệu đã có."
        ),
        (
            "Các Cục: Bản quyền tác giả; Phát thanh truyền hình và Thông tin điện tử; Xuất bản, In và Phát "
            "hành; Báo chí; Du lịch Quốc gia Việt Nam. Vụ Kế hoạch, Tài chính."
        ),
        "Văn phòng Bộ, Trung tâm Chuyển đổi số VHTTDL",
        ["Theo lộ trình được giao tại Kế hoạch số 02-KH/BCĐTW"],
        "Quyết định ban hành tái cấu trúc quy trình nội bộ",
    ),
    (
        "",
        "5",
        (
            "Triển khai xây dựng 03 nền tảng: (1) Nền tảng/Hệ thống thông tin giải quyết thủ tục hành chính "
            "các lĩnh vực thuộc phạm vi quản lý nhà nước của Bộ VHTTDL; (2) Nền tảng số du lịch Việt Nam"
        ),
        "Trung tâm Chuyển đổi số VHTTDL; Cục DLQGVN",
        "Vụ Khoa học công nghệ, Đào tạo và Môi trường",
        ["Tháng 12/2025"],
        "Kế hoạch xây dựng và triển khai cụ thể",
    ),
    (
        "",
        "6",
        "Xây dựng, triển khai Đề án chuyển đổi số trong lĩnh vực Văn hóa",
        "Trung tâm Chuyển đổi số VHTTDL",
        "Các cơ quan, đơn vị liên quan",
        ["Tháng 12/2025"],
        "Quyết định của Thủ tướng Chính phủ",
    ),
    (
        "",
        "7",
        (
            "Rà soát, tái cấu trúc quy trình, điện tử hóa và cung cấp toàn bộ các thủ tục hành chính (dịch vụ "
            "công trực tuyến) thuộc phạm vi quản lý thực hiện tại 02 cấp chính quyền địa phương theo mô hình "
            "triển khai tập trung, bảo đảm thống nhất, đồng bộ trên Cổng Dịch vụ công quốc gia"
        ),
        "Các đơn vị được giao xây dựng hồ sơ công bố TTHC",
        "Văn phòng Bộ; Trung tâm Chuyển đổi số VHTTDL",
        ["01/01/2026"],
        (
            "- Hoàn thành tái cấu trúc quy trình điện tử thuộc phạm vi quản lý của bộ. - Tích hợp 100% DVC "
            "trực tuyến thuộc thẩm quyền giải quyết của bộ lên Cổng DVC quốc gia."
        ),
    ),
    (
        "",
        "8",
        "Đóng giao diện “Cổng Dịch vụ công cấp bộ”",
        "Trung tâm Chuyển đổi số VHTTDL",
        "Các đơn vị được giao thực hiện TTHC",
        ["01/03/2026"],
        "Hoàn thành việc nâng cấp HTTT giải quyết TTHC cấp bộ để bảo đảm đóng giao diện Cổng DVC cấp bộ.",
    ),
    (
        "",
        "9",
        (
            "Xây dựng, duy trì cơ chế bảo đảm an toàn, an ninh mạng, phương án ứng phó sự cố, phương án khôi "
            "phục dữ liệu; tổ chức đánh giá an toàn thông tin định kǶ đối với các hệ thống, cơ sở dữ liệu "
            "thuộc phạm vi quản lý; khắc phục kịp thời các lỗ hổng, bảo đảm an toàn tuyệt đối cho hệ thống. "
            "Xây dựng, hoàn thiện quy định, quy chế sử dụng mạng máy tính nội bộ, mạng máy tính có kết nối "
            "mạng Internet"
        ),
        "Trung tâm Chuyển đổi số VHTTDL; các đơn vị có hệ thống thông tin, cơ sở dữ liệu",
        "Cơ quan, đơn vị liên quan",
        ["Tháng 11/2025"],
        (
            "- Cơ chế bảo đảm an toàn, an ninh mạng, phương án ứng phó sự cố, phương án khôi phục dữ liệu "
            "được xây dựng, duy trì; - Quy chế sử dụng mạng máy tính nội bộ, mạng máy tính có kết nối mạng "
            "Internet của Cơ quan."
        ),
    ),
    (
        "",
        "10",
        (
            "Rà soát, cấu trúc lại quy trình các dịch vụ công trực tuyến có tỷ lệ hồ sơ trực tuyến thấp, tỷ "
            "lệ phải bổ sung, sửa lỗi cao, bảo đảm người dân, doanh nghiệp “chỉ khai báo thông tin một lần”."
        ),
        "Các đơn vị được giao thực hiện TTHC",
        "Trung tâm Chuyển đổi số VHTTDL",
        ["31/12/2025"],
        "Quy trình các dịch vụ công trực tuyến được rà soát, cấu trúc lại bảo đảm theo yêu cầu.",
    ),
]


DOCUMENTS = {
    HA_NOI: {
        "header": {
            "number": "/KH-UBND",
            "place": "Hà Nội",
            "issued_on": None,
            "issued_on_as_written": "ngày tháng năm 2026",
            "kind": "Kế hoạch",
            "title": "Triển khai đợt cao điểm 100 ngày thực hiện các nhiệm vụ trọng tâm về chuyển đổi số thành phố "
            "Hà Nội",
            "issuer": "Ủy ban nhân dân thành phố Hà Nội",
            "signer_title": "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
            "signer_name": "Trương Việt Dũng",
            "missing": [],
        },
        "sections": HA_NOI_SECTIONS,
        "tasks": HA_NOI_TASKS,
    },
    SYT_MIGRATION: {
        # A letter has no kind line: it names its subject in "V/v …", so the reader rightly flags kind and title.
        "header": {
            "number": "/SYT-QLBHYTCNTT",
            "place": "Hà Nội",
            "issued_on": None,
            "issued_on_as_written": "ngày tháng năm 2026",
            "kind": "",
            "title": "",
            "issuer": "Sở Y tế",
            "signer_title": "GIÁM ĐỐC",
            "signer_name": "Nguyễn Trọng Diện",
            "missing": ["kind", "title"],
        },
        "sections": [("", "")],
        "tasks": SYT_TASKS,
    },
    DONG_THAP_617: {
        "header": {
            "number": "617/KH-UBND",
            "place": "Đồng Tháp",
            "issued_on": date(2025, 12, 1),
            "issued_on_as_written": "ngày 01 tháng 12 năm 2025",
            "kind": "Kế hoạch",
            "title": ("CHUYỂN ĐỔI SỐ CHO CÁC DOANH NGHIỆP, NHẤT LÀ DOANH NGHIỆP NHỎ VÀ VỪA, HỢP TÁC XÃ, HỘ KINH DOANH"),
            "issuer": "Ủy ban nhân dân tỉnh Đồng Tháp",
            "signer_title": "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
            "signer_name": "Huỳnh Minh Tuấn",
            "missing": [],
        },
        "sections": DONG_THAP_617_SECTIONS,
        "tasks": DONG_THAP_617_TASKS,
    },
    DONG_THAP_552: {
        "header": {
            "number": "552/KH-UBND",
            "place": "Đồng Tháp",
            "issued_on": date(2025, 11, 19),
            "issued_on_as_written": "ngày 19 tháng 11 năm 2025",
            "kind": "Kế hoạch",
            "title": (
                "THỰC HIỆN LỘ TRÌNH ĐỔI MỚI CÔNG NGHỆ ĐẾN NĂM 2035 TRÊN ĐỊA BÀN TỈNH ĐỒNG THÁP ĐỐI VỚI CÁC NGÀNH KINH "
                "TẾ MŨI NHỌN"
            ),
            "issuer": "Ủy ban nhân dân tỉnh Đồng Tháp",
            "signer_title": "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
            "signer_name": "Huỳnh Minh Tuấn",
            "missing": [],
        },
        "sections": DONG_THAP_552_SECTIONS,
        "tasks": DONG_THAP_552_TASKS,
    },
    HA_NOI_310: {
        "header": {
            "number": "310/KH-UBND",
            "place": "Hà Nội",
            "issued_on": date(2025, 11, 24),
            "issued_on_as_written": "ngày 24 tháng 11 năm 2025",
            "kind": "Kế hoạch",
            "title": (
                "PHÁT TRIỂN HẠ TẦNG 5G, IOT TRONG CÁC KHU CÔNG NGHỆ CAO, KHU CÔNG NGHIỆP, CỤM CÔNG NGHIỆP TRÊN ĐỊA "
                "BÀN THÀNH PHỐ HÀ NỘI ĐẾN NĂM 2030"
            ),
            "issuer": "Ủy ban nhân dân thành phố Hà Nội",
            "signer_title": "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
            "signer_name": "Trương Việt Dũng",
            "missing": [],
        },
        "sections": HA_NOI_310_SECTIONS,
        "tasks": HA_NOI_310_TASKS,
    },
    TTG_2597: {
        "header": {
            "number": "2597/QĐ-TTg",
            "place": "Hà Nội",
            "issued_on": date(2025, 11, 27),
            "issued_on_as_written": "ngày 27 tháng 11 năm 2025",
            "kind": "Quyết định",
            "title": (
                "PHÊ DUYỆT ĐỀ ÁN CHUYỂN ĐỔI SỐ TRONG HOẠT ĐỘNG XÂY DỰNG, QUẢN LÝ, KHAI THÁC KẾT CẤU HẠ TẦNG XÂY DỰNG"
            ),
            "issuer": "Thủ tướng Chính phủ",
            "signer_title": "KT. THỦ TƯỚNG\nPHÓ THỦ TƯỚNG",
            "signer_name": "Trần Hồng Hà",
            "missing": [],
        },
        "sections": TTG_2597_SECTIONS,
        "tasks": TTG_2597_TASKS,
    },
    NGHE_AN_980: {
        "header": {
            "number": "980/KH-UBND",
            "place": "Nghệ An",
            "issued_on": date(2025, 11, 18),
            "issued_on_as_written": "ngày 18 tháng 11 năm 2025",
            "kind": "Kế hoạch",
            "title": (
                "THỰC HIỆN QUYẾT ĐỊNH SỐ 1899/QĐ-TTG NGÀY 04/9/2025 CỦA THỦ TƯỚNG CHÍNH PHỦ BAN HÀNH KẾ HOẠCH TRIỂN "
                "KHAI THI HÀNH NGHỊ ĐỊNH QUY ĐỊNH CHI TIẾT MỘT SỐ ĐIỀU CỦA LUẬT PHÒNG THỦ DÂN SỰ"
            ),
            "issuer": "Ủy ban nhân dân tỉnh Nghệ An",
            "signer_title": "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
            "signer_name": "Nguyễn Văn Đệ",
            "missing": [],
        },
        "sections": NGHE_AN_980_SECTIONS,
        "tasks": NGHE_AN_980_TASKS,
    },
    DONG_NAI_179: {
        "header": {
            "number": "179/KH-UBND",
            "place": "Đồng Nai",
            "issued_on": date(2025, 11, 18),
            "issued_on_as_written": "ngày 18 tháng 11 năm 2025",
            "kind": "Kế hoạch",
            "title": "PHÁT TRIỂN KINH TẾ SỐ VÀ XÃ HỘI SỐ TRÊN ĐỊA BÀN TỈNH ĐỒNG NAI GIAI ĐOẠN 2026 - 2030",
            "issuer": "Ủy ban nhân dân tỉnh Đồng Nai",
            "signer_title": "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH",
            "signer_name": "Võ Tấn Đức",
            "missing": [],
        },
        "sections": DONG_NAI_179_SECTIONS,
        "tasks": DONG_NAI_179_TASKS,
    },
    BVHTTDL_6225: {
        # The copy has no header block: the appendix alone, named by its "(Kèm theo Công văn số ...)" line.
        "header": {
            "kind": "Phụ lục",
            "title": "DANH MỤC CÁC NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM TRIỂN KHAI TRONG NHỮNG THÁNG CUỐI NĂM 2025",
            "missing": ["number", "place", "issued_on"],
        },
        "sections": BVHTTDL_6225_SECTIONS,
        "tasks": BVHTTDL_6225_TASKS,
    },
}

# What a task is compared on, cell by cell: each is its own test, so one column read wrong marks only that one.
COLUMNS = {"number": 1, "content": 2, "lead": 3, "support": 4, "timeframe": 5, "deliverable": 6}


def lines_of(name):
    return (CORPUS / f"{name}.txt").read_text(encoding="utf-8").splitlines()


BUILD = {
    "txt": lambda lines: "\n".join(lines).encode(),
    "docx": build_layout_docx,
    "xlsx": build_layout_xlsx,
    "pdf": build_pdf,
}


@pytest.fixture(scope="module")
def read():
    """Each document in each format, built and read once: (sections, tasks) as cells, or the reader's refusal."""
    results = {}

    def get(name, fmt):
        if (name, fmt) not in results:
            try:
                doc = read_programme_file(BUILD[fmt](lines_of(name)), f"{name}.{fmt}").to_dict()
            except ProgrammeFormatError as error:
                results[name, fmt] = str(error)
            else:
                results[name, fmt] = cells(doc)
        return results[name, fmt]

    return get


def cells(doc):
    sections = [(s["numeral"], s["title"]) for s in doc["sections"]]
    tasks = [
        (
            s["numeral"],
            t["number"],
            t["content"],
            t["lead_as_written"],
            t["support_as_written"],
            t["timeframe_as_written"],
            t["deliverable"],
        )
        for s in doc["sections"]
        for t in s["tasks"]
    ]
    return sections, tasks


def cases(columns):
    for name in DOCUMENTS:
        for fmt in FORMATS:
            for column in columns:
                yield pytest.param(name, fmt, column, id=f"{name}-{fmt}-{column}")


def test_every_document_has_its_source():
    sources = (CORPUS / "SOURCES.md").read_text(encoding="utf-8")
    assert all(f"`{name}`" in sources for name in DOCUMENTS)


@pytest.mark.parametrize("name", DOCUMENTS)
def test_the_header_reads_from_the_text(name):
    header = read_header(lines_of(name))
    assert {field: getattr(header, field) for field in DOCUMENTS[name]["header"]} == DOCUMENTS[name]["header"]


def test_the_expected_cells_are_whole():
    for name, document in DOCUMENTS.items():
        numerals = [numeral for numeral, _ in document["sections"]]
        assert len(set(numerals)) == len(numerals), name
        assert all(task[0] in numerals and len(task) == 7 for task in document["tasks"]), name
        numbers = [task[:2] for task in document["tasks"]]
        assert len(set(numbers)) == len(numbers) >= 6, name


@pytest.mark.parametrize(("name", "fmt", "column"), list(cases(["sections"])))
def test_the_sections_read_as_the_document_has_them(name, fmt, column, read):
    result = read(name, fmt)
    assert not isinstance(result, str), result
    assert result[0] == DOCUMENTS[name]["sections"]


@pytest.mark.parametrize(("name", "fmt", "column"), list(cases(COLUMNS)))
def test_every_cell_of_a_column_reads_as_the_document_has_it(name, fmt, column, read):
    """Each task's section and its cell of the column, in the document's order: none missing, none added."""
    result = read(name, fmt)
    assert not isinstance(result, str), result
    index = COLUMNS[column]
    assert [(task[0], task[1], task[index]) for task in result[1]] == [
        (task[0], task[1], task[index]) for task in DOCUMENTS[name]["tasks"]
    ]


def test_the_hanoi_plan_has_its_33_tasks_in_12_groups():
    assert len(HA_NOI_SECTIONS) == 12 and [task[1] for task in HA_NOI_TASKS] == [str(n) for n in range(1, 34)]
